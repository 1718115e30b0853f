export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __SUIVI_PVD_PG__?: { stop(): Promise<void> } }).__SUIVI_PVD_PG__;
  if (pg) await pg.stop();
}
