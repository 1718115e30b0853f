import type { DataSource } from 'typeorm';

/**
 * Results kept per data version: the version counter (table `indicateurs_version`, migration
 * 1764100000017) grows at the commit of every transaction that writes to a table of the
 * programme's data (PVD, conventions, posts, missions, lines, operations, ORT, schemes…). A list's
 * totals and filter choices are computed once per filter and version, not at every page.
 *
 * Never stale: the version is read before the computation, so what is kept reflects at least that
 * version; it is served only while the committed version is still the same (any later commit
 * changes it). Concurrent requests for the same key share one computation; a failed one is not
 * kept. Keys must hold everything the result depends on (the SQL and its parameters, the caller's
 * scope among them). In memory, per process: each replica keeps its own, all equally fresh.
 */
export class DataVersionMemo {
  private readonly entries = new Map<string, { version: string; value: Promise<unknown> }>();

  constructor(
    private readonly db: DataSource,
    private readonly max = 500,
  ) {}

  /** The committed data version. */
  async version(): Promise<string> {
    const [row] = await this.db.query(`SELECT version::text AS v FROM indicateurs_version WHERE source = '*'`);
    return (row?.v as string | undefined) ?? '0';
  }

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.version();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && hit.version === version) {
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const entry = { version, value: compute() as Promise<unknown> };
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    this.entries.set(key, entry);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return entry.value as Promise<T>;
  }

  /** A query's rows, kept per version: the key is the statement and its parameters. */
  query<T>(sql: string, params: readonly unknown[]): Promise<T> {
    return this.get(JSON.stringify([sql, params]), () => this.db.query(sql, params as unknown[]) as Promise<T>);
  }
}
