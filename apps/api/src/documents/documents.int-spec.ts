import { createHash } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { DOCUMENT_BACKENDS, type DocumentBackend, useDocumentBackend } from '../test/s3-emulator';
import { createConvention, createPvd, CSRF, TEST_PDF, useTestApp } from '../test/test-app';
import { DocumentStorage } from './storage/document-storage';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Upload, versions, download and access checks: the same on the local disk and on an S3-compatible store. */
describe.each(DOCUMENT_BACKENDS)('documents on %s', (backend: DocumentBackend) => {
  const store = useDocumentBackend(backend);
  const t = useTestApp(() => store.env());
  let chef: TestAgent;
  let pvdId: string;

  beforeAll(async () => {
    pvdId = (await createPvd(t.dataSource, ['23001'], { dateConventionAdhesion: '2021-08-31' })).id;
    chef = (await t.signIn('chef_de_projet')).agent;
  });

  it('keeps every version of a document, checks types from the content, and keeps downloads within the dossier', async () => {
    expect(t.app.get(DocumentStorage).constructor.name).toBe(backend === 's3' ? 'S3Storage' : 'LocalDiskStorage');
    const { id } = await createConvention(t.dataSource, pvdId, { type: 'avenant', complete: true });
    const first = await chef.post(`/api/conventions/${id}/documents`).set(CSRF).field('titre', 'Diagnostic').attach('fichier', TEST_PDF, 'diag.pdf').expect(201);
    const refused = await chef.post(`/api/conventions/${id}/documents`).set(CSRF).attach('fichier', Buffer.from('MZ\x90\x00\x03'), 'diagnostic.pdf').expect(415);
    expect(refused.body.code).toBe('DOCUMENT_TYPE_REFUSED');
    const v2pdf = Buffer.concat([TEST_PDF, Buffer.from('% v2\n')]);
    const second = await chef.post(`/api/documents/${first.body.id}/versions`).set(CSRF).attach('fichier', v2pdf, 'diag-v2.pdf').expect(201);
    expect(second.body.versions.map((v: { numero: number; nomFichier: string }) => [v.numero, v.nomFichier])).toEqual([
      [2, 'diag-v2.pdf'],
      [1, 'diag.pdf'],
    ]);
    const old = await chef.get(`/api/documents/${first.body.id}/versions/1/contenu`).buffer(true).expect(200);
    expect(Buffer.compare(old.body as Buffer, TEST_PDF)).toBe(0);
    const elu = (await t.signIn('elu_lecteur')).agent;
    await elu.get(`/api/documents/${first.body.id}/versions/2/contenu`).expect(200);
    await elu.post(`/api/documents/${first.body.id}/versions`).set(CSRF).attach('fichier', TEST_PDF, 'x.pdf').expect(403);
    const neighbour = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23002' })).agent;
    await neighbour.get(`/api/documents/${first.body.id}/versions/1/contenu`).expect(404);
    const otherPrefecture = (await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' })).agent;
    await otherPrefecture.get(`/api/documents/${first.body.id}/versions/1/contenu`).expect(404);
    await otherPrefecture.get(`/api/conventions/${id}`).expect(404);
    // Once deposited, pieces are frozen.
    await chef.post(`/api/conventions/${id}/depot`).set(CSRF).send({ version: 1 }).expect(200);
    await chef.post(`/api/documents/${first.body.id}/versions`).set(CSRF).attach('fichier', TEST_PDF, 'x.pdf').expect(409);
  });

  it('downloads with the type, length, name and checksum of the upload', async () => {
    const { id } = await createConvention(t.dataSource, pvdId, { type: 'avenant' });
    // Large enough to come in several chunks from the store.
    const content = Buffer.concat([TEST_PDF, Buffer.from(`% ${'é'.repeat(300_000)}\n`)]);
    const uploaded = await chef.post(`/api/conventions/${id}/documents`).set(CSRF).attach('fichier', content, 'Délibération n°3.pdf').expect(201);
    const [version] = await t.dataSource.query('SELECT sha256, taille FROM document_version WHERE document_id = $1', [uploaded.body.id]);
    expect(version).toEqual({ sha256: sha256(content), taille: String(content.length) });

    const download = await chef.get(uploaded.body.versions[0].url).buffer(true).expect(200);
    expect(sha256(download.body as Buffer)).toBe(sha256(content));
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(content.length),
      'content-disposition': `attachment; filename="Deliberation n_3.pdf"; filename*=UTF-8''${encodeURIComponent('Délibération n°3.pdf')}`,
      'cache-control': 'private, no-store',
    });
  });

  it('answers 404 with a message when the content is missing from the store, and leaves no content behind a refused upload', async () => {
    const { id } = await createConvention(t.dataSource, pvdId, { type: 'avenant' });
    const uploaded = await chef.post(`/api/conventions/${id}/documents`).set(CSRF).attach('fichier', TEST_PDF, 'perdu.pdf').expect(201);
    const [{ cle_stockage: key }] = await t.dataSource.query('SELECT cle_stockage FROM document_version WHERE document_id = $1', [uploaded.body.id]);
    const storage = t.app.get(DocumentStorage);
    await storage.delete(key);
    const missing = await chef.get(uploaded.body.versions[0].url).expect(404);
    expect(missing.body).toEqual({ statusCode: 404, code: 'DOCUMENT_NOT_FOUND', message: 'Le contenu de ce document est introuvable dans le stockage.' });

    await chef.post(`/api/conventions/${id}/documents`).set(CSRF).attach('fichier', Buffer.from('MZ\x90\x00\x03'), 'x.pdf').expect(415);
    // Every stored content is a version of a document: refused uploads were never stored.
    const keys: string[] = [];
    for await (const k of storage.list()) keys.push(k);
    const versions: { cle_stockage: string }[] = await t.dataSource.query('SELECT cle_stockage FROM document_version WHERE cle_stockage <> $1', [key]);
    expect(keys.sort()).toEqual(versions.map((v) => v.cle_stockage).sort());
  });
});
