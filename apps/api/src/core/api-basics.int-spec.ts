import { CSRF, useTestApp } from '../test/test-app';

describe('API basics', () => {
  const t = useTestApp();

  it('reports health with each dependency checked', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok', jobs: 'ok', documents: 'ok' });
  });

  it('serves the OpenAPI document as JSON and the documentation page', async () => {
    const spec = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/api/communes', '/api/pvd/imports', '/api/health']));
    const page = await t.http().get('/api/docs').expect(200);
    expect(page.text).toContain('swagger');
  });

  it('answers an unknown route with the one error body', async () => {
    const res = await t.http().get('/api/nothing-here').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'Aucune route GET /api/nothing-here.' });
  });

  it('answers a malformed JSON body with 400 MALFORMED_BODY, not 500', async () => {
    const res = await t.http().post('/api/auth/login').set(CSRF).set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'MALFORMED_BODY', message: expect.any(String) });
  });

  it('refuses unknown fields and wrong types field by field', async () => {
    const res = await t.http().post('/api/auth/login').set(CSRF).send({ email: 42, password: 'x', admin: true }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.fields).toEqual({ admin: ['Champ inconnu : admin.'], email: [expect.stringContaining('Adresse électronique invalide')] });
  });

  it('says a missing field is required, once', async () => {
    const res = await t.http().post('/api/auth/login').set(CSRF).send({ email: 'a@b.fr' }).expect(400);
    expect(res.body.fields).toEqual({ password: ['Ce champ est obligatoire.'] });
  });

  it('echoes a request id, and keeps a sane incoming one', async () => {
    const generated = await t.http().get('/api/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.http().get('/api/health').set('X-Request-Id', 'abc-123');
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await t.http().get('/api/health').set('X-Request-Id', 'bad id <script>');
    expect(replaced.headers['x-request-id']).not.toBe('bad id <script>');
  });

  it('sets security headers without HTTPS-only ones by default', async () => {
    const res = await t.http().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
