import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, outputOf, python } from './harness.ts';

describeEachJudge('network isolation', (h) => {
  it('has only a loopback interface and can neither connect nor resolve names', async () => {
    const code = [
      'import os, socket',
      'print("interfaces", sorted(os.listdir("/sys/class/net")))',
      'try:',
      '    socket.create_connection(("1.1.1.1", 53), timeout=3)',
      '    print("tcp connected")',
      'except OSError as e:',
      '    print("tcp failed")',
      'try:',
      '    socket.getaddrinfo("example.com", 80)',
      '    print("dns resolved")',
      'except OSError:',
      '    print("dns failed")',
      '',
    ].join('\n');
    const received = await collect(h().judge, python(code));
    expect(outputOf(received)).toBe("interfaces ['lo']\ntcp failed\ndns failed\n");
    expect(exitOf(received).outcome).toBe('exited');
  });

  it('resolves localhost to the loopback addresses, where a program can serve and connect', async () => {
    const code = [
      'import socket',
      'print(socket.gethostbyname("localhost"))',
      'print(sorted({info[4][0] for info in socket.getaddrinfo("localhost", 80)}))',
      'server = socket.create_server(("localhost", 0))',
      'with socket.create_connection(("localhost", server.getsockname()[1]), timeout=3) as client:',
      '    conn, _ = server.accept()',
      '    conn.sendall(b"hi")',
      '    print(client.recv(2).decode())',
      '',
    ].join('\n');
    const received = await collect(h().judge, python(code));
    expect(outputOf(received)).toBe("127.0.0.1\n['127.0.0.1', '::1']\nhi\n");
    expect(exitOf(received).outcome).toBe('exited');
  });

  it('fails a node connection attempt too', async () => {
    const code =
      "require('net').connect(53, '1.1.1.1').on('connect', () => console.log('connected')).on('error', (e) => console.log('failed', e.code));";
    const received = await collect(h().judge, { language: 'javascript', code, stdin: '', limits: { timeMs: 5_000 } });
    expect(outputOf(received)).toMatch(/^failed E[A-Z]+\n$/);
  });
});
