import { DocumentStorage } from './storage/document-storage';
import { DOCUMENT_BACKENDS, type DocumentBackend, useDocumentBackend } from '../test/s3-emulator';
import { createConvention, createPvd, CSRF, TEST_PDF, useTestApp } from '../test/test-app';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BIDI_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The file name a download announces, decoded from `filename*` (RFC 5987). */
function announcedName(disposition: string): string {
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  if (!match) throw new Error(`No filename* in: ${disposition}`);
  return decodeURIComponent(match[1]);
}

describe.each(DOCUMENT_BACKENDS)('document file names (issue 12) on %s', (backend: DocumentBackend) => {
  const store = useDocumentBackend(backend);
  const t = useTestApp(() => store.env());
  let pvd: { id: string };
  beforeAll(async () => {
    pvd = await createPvd(t.dataSource, ['23001']);
  });

  it('strips a bidi override from an uploaded name: invoice\\u202efdp.exe is never announced reversed', async () => {
    const { agent: chef } = await t.signIn('chef_de_projet');
    const convention = await createConvention(t.dataSource, pvd.id, { etat: 'brouillon' });

    const uploaded = await chef.post(`/api/conventions/${convention.id}/documents`).set(CSRF).attach('fichier', TEST_PDF, 'invoice\u202efdp.exe').expect(201);
    const [stored] = await t.dataSource.query('SELECT nom_fichier FROM document_version WHERE document_id = $1', [uploaded.body.id]);
    expect(stored.nom_fichier).toBe('invoicefdp.exe');

    const download = await chef.get(`/api/documents/${uploaded.body.id}/versions/1/contenu`).expect(200);
    const disposition = String(download.headers['content-disposition']);
    expect(disposition).not.toMatch(/%E2%80%AE/i);
    expect(disposition).not.toContain('\u202e');
    expect(announcedName(disposition)).toBe('invoicefdp.exe');
    // The title taken from the name is clean too.
    const [document] = await t.dataSource.query('SELECT titre FROM document WHERE id = $1', [uploaded.body.id]);
    expect(document.titre).not.toMatch(BIDI_AND_CONTROLS);
  });

  it('cleans names stored before, at download', async () => {
    const { agent: chef } = await t.signIn('chef_de_projet');
    const convention = await createConvention(t.dataSource, pvd.id, { etat: 'brouillon' });
    // A version stored as it came, before uploads were cleaned (versions are append-only: inserted here).
    const legacy = 'rapport\u2067\u202b\u0007\u200f\u061cfdp.exe\u0085';
    const key = await t.app.get(DocumentStorage).put(TEST_PDF, { sha256: 'x' });
    const [document] = await t.dataSource.query(`INSERT INTO document (pvd_id, convention_id, nature, titre) VALUES ($1, $2, 'piece', 'Rapport') RETURNING id`, [pvd.id, convention.id]);
    await t.dataSource.query(
      `INSERT INTO document_version (document_id, numero, nom_fichier, type_mime, taille, sha256, cle_stockage, depose_par_label) VALUES ($1, 1, $2, 'application/pdf', $3, $4, $5, 'test')`,
      [document.id, legacy, TEST_PDF.length, 'x'.repeat(64), key],
    );
    const uploaded = { body: { id: document.id as string } };

    const download = await chef.get(`/api/documents/${uploaded.body.id}/versions/1/contenu`).expect(200);
    const name = announcedName(String(download.headers['content-disposition']));
    expect(name).toBe('rapportfdp.exe');
    expect(name).not.toMatch(BIDI_AND_CONTROLS);
  });
});
