import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectionFor, findPgTools } from './pg-tools';

describe('findPgTools', () => {
  let root: string;
  /** A folder with a pg_dump and a pg_restore saying they are of this version. */
  async function client(major: number): Promise<string> {
    const folder = join(root, String(major));
    await mkdir(folder);
    for (const program of ['pg_dump', 'pg_restore']) {
      await writeFile(join(folder, program), `#!/bin/sh\necho "${program} (PostgreSQL) ${major}.2 (Debian ${major}.2-1)"\n`);
      await chmod(join(folder, program), 0o755);
    }
    return folder;
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'suivi-pvd-pg-tools-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("takes the server's version when there is one, else the closest newer one", async () => {
    const PATH = [await client(17), await client(16), await client(19)].join(':');
    expect(await findPgTools(16, { PATH })).toMatchObject({ major: 16, binDir: join(root, '16'), pgDump: join(root, '16', 'pg_dump') });
    expect(await findPgTools(18, { PATH })).toMatchObject({ major: 19 });
    // pg_restore reads no archive of a newer pg_dump.
    expect(await findPgTools(16, { PATH }, 17)).toMatchObject({ major: 17 });
  });

  it('says what it found, and how to fix it, when no version fits', async () => {
    const PATH = await client(16);
    await expect(findPgTools(99, { PATH })).rejects.toThrow(/No pg_dump and pg_restore of PostgreSQL 99 or newer \(found only version .*16.*\).*Install the PostgreSQL 99 client \(Debian: postgresql-client-99\), or set PG_BIN_DIR/);
  });

  it('looks only in PG_BIN_DIR when it is set', async () => {
    const PATH = await client(17);
    const only = await client(16);
    expect(await findPgTools(15, { PATH, PG_BIN_DIR: only })).toMatchObject({ major: 16 });
    await expect(findPgTools(17, { PATH, PG_BIN_DIR: only })).rejects.toThrow(`in PG_BIN_DIR=${only}`);
  });
});

describe('connectionFor', () => {
  it('keeps the password out of the command line', () => {
    expect(connectionFor('postgres://suivi_pvd:p%40ss%20word@db:5432/suivi_pvd?sslmode=require')).toEqual({
      dbname: 'postgres://suivi_pvd@db:5432/suivi_pvd?sslmode=require',
      env: { PGPASSWORD: 'p@ss word' },
    });
    expect(connectionFor('postgres://me@127.0.0.1/pvd')).toEqual({ dbname: 'postgres://me@127.0.0.1/pvd', env: {} });
  });
});
