import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError } from '@codestream/shared';
import { bootstrapAdmin } from './accounts/bootstrapAdmin.ts';
import { loadRoomServerConfig } from './config.ts';
import { openDatabase } from './database.ts';
import { EmbeddedMongo } from './db/EmbeddedMongo.ts';

const usage = `Usage: npm run create-admin -- --email you@example.org [--name "Your Name"]
The password is read from standard input (asked for when it is a terminal).`;

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  try {
    if (!process.stdin.isTTY) return (await rl.question('')).trim();
    // Typed characters are not echoed: the prompt is rewritten on every keypress.
    const ask = async (prompt: string) => {
      const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) =>
        write.call(rl, s.startsWith(prompt) ? prompt : s.replace(/[^\r\n]/g, ''));
      const answer = await rl.question(prompt);
      process.stdout.write('\n');
      return answer;
    };
    const first = await ask('Password (at least 10 characters): ');
    if ((await ask('Repeat it: ')) !== first) throw new Error('The passwords differ.');
    return first;
  } finally {
    rl.close();
  }
}

/** `npm run create-admin`: creates the first admin (or makes an account an admin). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email) throw new Error(usage);
  const config = loadRoomServerConfig(process.env);
  const password = await readPassword();
  const embedded = config.MONGODB_URI
    ? null
    : await EmbeddedMongo.start({ binary: config.FERRETDB_BIN, dataDir: config.DATA_DIR });
  try {
    const database = await openDatabase({ uri: config.MONGODB_URI ?? embedded?.uri ?? '', dbName: config.MONGODB_DB });
    try {
      const outcome = await bootstrapAdmin(database.users, { email: values.email, password, name: values.name });
      console.log(outcome === 'created' ? `Admin ${values.email} created.` : `${values.email} is now an admin.`);
    } finally {
      await database.close();
    }
  } finally {
    await embedded?.close();
  }
}

main().catch((err) => {
  const issues = (err as { issues?: { message: string }[] }).issues;
  console.error(
    err instanceof ConfigError
      ? err.message
      : issues
        ? issues.map((i) => i.message).join('\n')
        : (err as Error).message,
  );
  process.exit(1);
});
