import { RawSocket, wsFrame } from './rawSocket.ts';

// Run as its own process by socketLimits.int.test.ts, so the memory the test measures is
// the server's alone: opens `count` room sockets without an account, each sending
// 1 MiB as soon as its upgrade is answered (while it is being authorised), waits until the server has ended them all and
// prints the close codes it received as JSON.
//
// Usage: tsx floodClients.ts <serverUrl> <roomId> <origin> <count>

const [serverUrl = '', roomId = '', origin = '', count = '1000'] = process.argv.slice(2);
const megabyte = wsFrame({ payload: new Uint8Array(1024 * 1024).fill(7) });
const codes: (number | null)[] = [];
for (let batch = 0; batch < Number(count) / 100; batch++) {
  const sockets = await Promise.all(Array.from({ length: 100 }, () => RawSocket.open(serverUrl, roomId, { origin })));
  for (const raw of sockets) raw.write(megabyte);
  const ended = Promise.all(sockets.map((raw) => raw.ended.then(() => codes.push(raw.closeCode))));
  if (batch === Number(count) / 100 - 1) await ended;
}
while (codes.length < Number(count)) await new Promise((resolve) => setTimeout(resolve, 20));
process.stdout.write(JSON.stringify(codes));
