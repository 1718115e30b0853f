import type { DataSource } from 'typeorm';
import { defineArea, nextNumber, type RecordKey } from '../test/access-matrix.support';
import { createPvd, CSRF } from '../test/test-app';

interface Records {
  dataSource: DataSource;
  /** An import already applied: confirming it again answers its report and changes nothing. */
  importApplique: string;
  pvd: Record<RecordKey, string>;
}

const csv = (lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');

/** A commune of Corrèze (outside the matrix's records) for each withdrawal, in its own fresh PVD. */
async function freshMember(dataSource: DataSource): Promise<{ pvdId: string; insee: string }> {
  const [commune] = await dataSource.query(
    `SELECT insee FROM commune c WHERE departement_code = '19' AND NOT EXISTS (SELECT 1 FROM pvd_commune pc WHERE pc.commune_insee = c.insee)
      ORDER BY insee OFFSET $1 LIMIT 1`,
    [nextNumber() % 50],
  );
  const pvd = await createPvd(dataSource, [commune.insee]);
  return { pvdId: pvd.id, insee: commune.insee };
}

/**
 * The PVD list's preview and confirmation, and the withdrawal of a commune: the ANCT's
 * (pvd:importer); a PVD's membership history is read like the PVD (scoped, 404 outside).
 */
export const pvdAccessCases = defineArea<Records>({
  setup: async ({ dataSource, pvd }) => {
    const [row] = await dataSource.query(
      `INSERT INTO pvd_import (file_name, format, total_lines, created, updated, unchanged, rejected, report, statut, applique_at)
       VALUES ('matrice.csv', 'officiel', 0, 0, 0, 0, 0, '[]', 'applique', now()) RETURNING id`,
    );
    return { dataSource, importApplique: row.id, pvd };
  },
  cases: {
    'POST /api/pvd/imports/apercu': {
      send: (a) => a.post('/api/pvd/imports/apercu').set(CSRF).attach('fichier', csv(['insee_com,lib_com,id_pvd,date_signature', '23003,Alleyrat,pvd-matrix-2,']), 'p.csv'),
      ok: 201,
    },
    'POST /api/pvd/imports/:id/confirmation': {
      send: (a, r) => a.post(`/api/pvd/imports/${r.importApplique}/confirmation`).set(CSRF).send({}),
      ok: 200,
    },
    'GET /api/pvd/:id/adhesions': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}/adhesions`), ok: 200, scoped: true },
    'POST /api/pvd/:id/communes/:insee/retrait': {
      send: async (a, r) => {
        const { pvdId, insee } = await freshMember(r.dataSource);
        return a.post(`/api/pvd/${pvdId}/communes/${insee}/retrait`).set(CSRF).send({ motif: 'Matrice des accès' });
      },
      ok: 200,
    },
  },
});
