import pino from 'pino';
import { Writable } from 'node:stream';
import { runWithLogContext } from './log-context';
import { createRootLogger, PinoNestLogger } from './logger';

function capture(): { logger: PinoNestLogger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      out.push(String(chunk));
      done();
    },
  });
  return { logger: new PinoNestLogger(pino({ level: 'trace' }, stream)), lines: () => out.join('').trim().split('\n').map((l) => JSON.parse(l)) };
}

describe('PinoNestLogger', () => {
  it('writes the request and job of the code running on each line', async () => {
    const { logger, lines } = capture();
    logger.log('outside', 'Test');
    await runWithLogContext({ requestId: 'req-1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.warn({ importId: 'i-1' }, 'in a request', 'Imports');
      await runWithLogContext({ requestId: 'req-1', job: 'import-partenaire', jobId: 'j-9' }, async () => logger.error(new Error('boom'), 'Jobs'));
    });
    const [outside, request, job] = lines();
    expect(outside).toMatchObject({ msg: 'outside', context: 'Test' });
    expect(outside.requestId).toBeUndefined();
    expect(request).toMatchObject({ level: 40, requestId: 'req-1', importId: 'i-1', context: 'Imports', msg: 'in a request' });
    expect(job).toMatchObject({ level: 50, requestId: 'req-1', job: 'import-partenaire', jobId: 'j-9', msg: 'boom', context: 'Jobs' });
  });
});

describe('the root logger', () => {
  it('logs a driver error without its connection', () => {
    const out: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        out.push(String(chunk));
        done();
      },
    });
    const error = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', client: { connectionParameters: { user: 'postgres' } } });
    createRootLogger('info', stream).error({ err: error }, 'job queue error');
    const [line] = out.map((l) => JSON.parse(l));
    expect(line).toMatchObject({ msg: 'job queue error', err: { message: 'terminating connection due to administrator command', code: '57P01' } });
    expect(line.err.client).toBeUndefined();
  });
});
