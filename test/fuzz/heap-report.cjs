// Test-only preload for the language-server fuzzer (node --expose-gc --require this): on SIGUSR2
// the server writes its heap after a full garbage collection to stderr, so the fuzzer can tell a
// leak from a heap that V8 simply has not shrunk (RSS says nothing about that).
process.on('SIGUSR2', () => {
    globalThis.gc?.();
    globalThis.gc?.();
    process.stderr.write(`norma-heap-after-gc ${process.memoryUsage().heapUsed}\n`);
});
