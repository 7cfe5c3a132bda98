import { emailSchema, passwordSchema, personNameSchema } from '@codestream/shared';
import { hashPassword } from './passwords.ts';
import type { UserRepository } from './UserRepository.ts';

/**
 * Creates an admin account, or makes an existing account with that email an admin.
 * There is no default password anywhere: the password always comes from the operator.
 */
export async function bootstrapAdmin(
  users: UserRepository,
  input: { email: string; password: string; name?: string },
): Promise<'created' | 'promoted'> {
  const email = emailSchema.parse(input.email);
  const password = passwordSchema.parse(input.password);
  const name = personNameSchema.parse(input.name ?? email.split('@')[0]);
  const existing = await users.findByEmail(email);
  if (existing) {
    await users.update(existing._id, { role: 'admin', disabled: false, passwordHash: await hashPassword(password) });
    return 'promoted';
  }
  await users.create({ email, name, role: 'admin', passwordHash: await hashPassword(password) });
  return 'created';
}
