import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent';

/** A response body read whole as bytes (exports are streamed). */
function asBuffer(r: NodeJS.ReadableStream, done: (error: Error | null, body: unknown) => void): void {
  const chunks: Buffer[] = [];
  r.on('data', (c: Buffer) => chunks.push(c));
  r.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * A CSV export read back, after checking its format (BOM, « ; », CRLF, attachment name): its
 * header and rows split on « ; » (the tests' cells hold no quoted separator), and the raw text.
 */
export async function readCsv(agent: TestAgent, url: string): Promise<{ header: string[]; rows: string[][]; text: string }> {
  const res = await agent.get(url).buffer(true).parse(asBuffer as never);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z-]+-\d{4}-\d{2}-\d{2}\.csv"$/);
  const text = (res.body as Buffer).toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(1).split('\r\n').slice(0, -1);
  return { header: lines[0].split(';'), rows: lines.slice(1).map((l) => l.split(';')), text };
}

/** An XLSX export read back: its first sheet. */
export async function readXlsx(agent: TestAgent, url: string): Promise<ExcelJS.Worksheet> {
  const res = await agent.get(url).buffer(true).parse(asBuffer as never);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('The workbook has no sheet');
  return sheet;
}
