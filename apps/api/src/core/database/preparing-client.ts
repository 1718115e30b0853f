import { createHash } from 'node:crypto';
import { Client } from 'pg';

/**
 * A `pg` client that runs the application's parameterised reads as named prepared statements.
 *
 * Why: the list and dossier reads are long statements over many joins. Sent unnamed, PostgreSQL
 * parses, analyses and plans each of them on every request: 2–5 ms of a 3–10 ms statement at
 * twice national scale (tests/perf/bench-routes.mjs). Named, it parses once per connection and,
 * after five executions, keeps a generic plan when that plan costs no more than the custom ones
 * (`plan_cache_mode = auto`, PostgreSQL's own choice per statement). ADR 0012 has the figures.
 *
 * What is named: a statement that starts with SELECT or WITH and has parameters, as TypeORM's
 * `query(text, params)` sends it. Its name is a digest of its text, so one text always has one
 * name. Writes, DDL and statements without parameters go unnamed, as before.
 *
 * A generic plan on demand: a statement that starts with `GENERIC_PLAN` (a comment) runs with
 * `plan_cache_mode = force_generic_plan`, set just before and reset just after on its connection
 * (two short round trips). For statements whose every parameter is an id or a list of ids, where a
 * plan for unknown values is as good as one for the values at hand but PostgreSQL's estimate keeps
 * it planning each time: a dossier's financing page (4.6 ms, of which 3.6 planning → 0.9 ms), the
 * journal's labels (1.1 → 0.4 ms). Inside a transaction that fails, the rollback undoes the setting.
 *
 * Bounded: each connection prepares at most `MAX_PREPARED` distinct texts (a list's filters make
 * a text per combination); beyond them it sends statements unnamed. Connections are recycled by
 * the pool, and with them their prepared statements. `DB_PREPARED_STATEMENTS=false` turns it off.
 */
export const MAX_PREPARED = 200;

/** Marks a statement to run with a generic plan (see above). */
export const GENERIC_PLAN = '/* plan: generic */';

const READ = /^\s*(?:\/\*[^*]*\*\/\s*)?(?:select|with)\b/i;

/** Names already computed, by text: a digest per statement sent would cost more than the lookup. */
const names = new Map<string, string>();

export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `s_${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size >= 10 * MAX_PREPARED) names.clear();
    names.set(text, name);
  }
  return name;
}

export class PreparingClient extends Client {
  private readonly names = new Set<string>();

  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    const unnamed = super.query.bind(this) as (...args: unknown[]) => unknown;
    // Assigned rather than overridden: `Client.query` has a dozen overloads to restate.
    this.query = ((...args: unknown[]) => {
      const [text, values, callback] = args;
      if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined && READ.test(text)) {
        const name = statementName(text);
        if (this.names.has(name) || this.names.size < MAX_PREPARED) {
          this.names.add(name);
          if (!text.startsWith(GENERIC_PLAN)) return unnamed({ name, text, values });
          return this.withGenericPlan(() => unnamed({ name, text, values }) as Promise<unknown>);
        }
      }
      return unnamed(...args);
    }) as Client['query'];
  }

  /**
   * Runs one statement with `force_generic_plan`, one after the other on this connection (pg 9
   * will refuse a query sent while another runs). The setting fails only in an aborted
   * transaction, as the statement would; its reset then fails too, and the rollback undoes it.
   */
  private async withGenericPlan(run: () => Promise<unknown>): Promise<unknown> {
    const query = super.query.bind(this) as (text: string) => Promise<unknown>;
    await query('SET plan_cache_mode = force_generic_plan');
    try {
      return await run();
    } finally {
      await query('RESET plan_cache_mode').catch(() => undefined);
    }
  }
}

/** The pool's settings (TypeORM's `extra`): ten connections, reads prepared unless told not to. */
export function poolOptions(preparedStatements = true): { max: number; Client: typeof Client } {
  return { max: 10, Client: preparedStatements ? PreparingClient : Client };
}
