// Generates a national-scale PVD list in the data.gouv.fr format (insee_com, lib_com, id_pvd,
// date_signature) from the real référentiel: about 1,650 PVDs like the programme in 2026, some of
// them groups of two or three communes of one EPCI, and a few defective lines like real files.
// Deterministic: the same file every time.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);
const communes = require('@etalab/decoupage-administratif/data/communes.json').filter((c) => c.type === 'commune-actuelle');
const epci = require('@etalab/decoupage-administratif/data/epci.json');
const departements = require('@etalab/decoupage-administratif/data/departements.json');

const rank = (code) => createHash('sha1').update(code).digest().readUInt32BE(0);
const chefsLieux = new Set(departements.map((d) => d.chefLieu));
const epciOf = new Map();
for (const e of epci) for (const m of e.membres) epciOf.set(m.code, e.code);

export function generatePvdList(target = 1650) {
  const candidates = communes
    .filter((c) => c.population >= 1000 && c.population < 20000 && !chefsLieux.has(c.code))
    .sort((a, b) => rank(a.code) - rank(b.code));
  const byEpci = new Map();
  for (const c of candidates) {
    const e = epciOf.get(c.code);
    if (e) byEpci.set(e, [...(byEpci.get(e) ?? []), c]);
  }
  const used = new Set();
  const lines = ['insee_com;lib_com;id_pvd;date_signature'];
  let pvds = 0;
  for (const c of candidates) {
    if (pvds >= target) break;
    if (used.has(c.code)) continue;
    const members = [c];
    // One PVD in eight is a group with other communes of its EPCI.
    if (rank(c.code) % 8 === 0) {
      for (const other of byEpci.get(epciOf.get(c.code)) ?? []) {
        if (members.length >= 1 + (rank(c.code) % 3) || other.code === c.code || used.has(other.code)) continue;
        members.push(other);
      }
    }
    pvds++;
    const id = `pvd-${c.region}-${c.departement.toLowerCase()}-${pvds}`;
    const day = new Date(Date.UTC(2021, 0, 1 + (rank(c.code) % 700)));
    const date = rank(c.code) % 6 === 0 ? '' : day.toISOString().slice(0, 10);
    for (const m of members) {
      used.add(m.code);
      lines.push(`${m.code};${m.nom};${id};${date}`);
    }
  }
  // Real files have defects: blank ids, NA, unknown codes, duplicates, a test row.
  lines.push(';Commune sans identifiant;;', '23001;Ahun;NA;', '99999;Trifouilly-les-Oies;pvd_0001;', '12345;Inconnue;pvd-x-1;');
  lines.push(lines[1]);
  return { csv: `${lines.join('\r\n')}\r\n`, pvds, lines: lines.length - 1 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? '.data/perf/pvd-national.csv';
  const { csv, pvds, lines } = generatePvdList();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, csv);
  console.log(`${out}: ${pvds} PVDs, ${lines} lines`);
}
