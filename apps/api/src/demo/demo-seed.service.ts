import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { AuditEntry, AuditService } from '../core/audit/audit.service';
import { hashPassword } from '../core/auth/session.service';
import { ensureOrganisation, OrganisationSpec } from '../organisations/ensure-organisation';
import { DEMO_JOURNEY_ADHESION, DEMO_JOURNEY_COMMUNE, seedDemoConventions } from './demo-conventions';
import { seedDemoPublic } from './demo-club-public';
import { seedDemoClub } from './demo-club';
import { seedDemoIngenierie } from './demo-ingenierie';
import { implausibleRecords } from './demo-plausibilite';
import { seedDemoThematique } from './demo-thematique';
import { seedDemoFiches } from './demo-club-fiches';
import { DocumentsService } from '../documents/documents.service';

/**
 * Demo data for an empty database (see docs/demo-data.md). The real list of PVD communes is not
 * shipped, so a documented rule picks believable ones: in each of the départements below, the 25
 * most populous communes of 1,000 to 19,999 inhabitants, the département's chef-lieu excepted.
 * That gives about 300 PVDs in 12 départements of 10 régions, each commune its own PVD; four in
 * five have a convention d'adhésion signed in 2021.
 */
export const DEMO_DEPARTEMENTS = ['23', '16', '79', '63', '56', '68', '80', '30', '71', '47', '39', '2A'];
export const DEMO_PASSWORD = 'demo-pvd-2026';
const PER_DEPARTEMENT = 25;

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  organisation: OrganisationSpec;
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'chef.projet@demo.test', displayName: 'Camille Martin', role: 'chef_de_projet', organisation: { type: 'commune', communeInsee: '23001' }, description: 'chef de projet PVD, Ahun (Creuse)' },
  { email: 'elu@demo.test', displayName: 'Jean Moreau', role: 'elu_lecteur', organisation: { type: 'commune', communeInsee: '23001' }, description: 'élu référent, Ahun (lecture)' },
  { email: 'prefecture.creuse@demo.test', displayName: 'Dominique Bernard', role: 'prefecture_instructeur', organisation: { type: 'prefecture', departementCode: '23' }, description: 'préfecture de la Creuse' },
  { email: 'sgar.nouvelle-aquitaine@demo.test', displayName: 'Claude Durand', role: 'sgar_lecteur', organisation: { type: 'sgar', regionCode: '75' }, description: 'SGAR Nouvelle-Aquitaine (lecture)' },
  { email: 'anct@demo.test', displayName: 'Alex Petit', role: 'anct_directeur', organisation: { type: 'anct' }, description: 'ANCT, direction du programme (imports)' },
  { email: 'partenaire@demo.test', displayName: 'Morgane Leroy', role: 'partenaire', organisation: { type: 'partenaire', nom: 'Banque des Territoires' }, description: 'partenaire, Banque des Territoires' },
  { email: 'admin@demo.test', displayName: 'Sacha Robert', role: 'administrateur', organisation: { type: 'anct' }, description: 'administration des comptes' },
];

@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
  ) {}

  /** Seeds only an empty database (no user and no PVD); returns whether it did. */
  async seedIfEmpty(): Promise<boolean> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const seeded = await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['demo-seed']);
      const [counts] = await em.query(
        'SELECT (SELECT count(*) FROM app_user)::int AS users, (SELECT count(*) FROM pvd)::int AS pvds',
      );
      if (counts.users > 0 || counts.pvds > 0) return false;

      const picked: { insee: string; departement_code: string; epci_siren: string | null; rank: string }[] = await em.query(
        `SELECT insee, departement_code, epci_siren, rank FROM (
           SELECT c.insee, c.departement_code, c.epci_siren,
                  row_number() OVER (PARTITION BY c.departement_code ORDER BY c.population DESC, c.insee) AS rank
             FROM commune c JOIN departement d ON d.code = c.departement_code
            WHERE c.departement_code = ANY($1::varchar[])
              AND c.population BETWEEN 1000 AND 19999
              AND c.insee IS DISTINCT FROM d.chef_lieu
         ) ranked
         WHERE rank <= $2 ORDER BY departement_code, rank`,
        [DEMO_DEPARTEMENTS, PER_DEPARTEMENT],
      );
      const ids = picked.map((p) => `demo-${p.departement_code.toLowerCase()}-${p.rank}`);
      // Deterministic dates: day n of 2021 from March, none for one PVD in five.
      // The commune of the demo journey joined recently: its convention-cadre is still ahead.
      const dates = picked.map((p, i) =>
        p.insee === DEMO_JOURNEY_COMMUNE ? DEMO_JOURNEY_ADHESION : i % 5 === 4 ? null : new Date(Date.UTC(2021, 2, 1 + ((i * 7) % 280))).toISOString().slice(0, 10),
      );
      const pvds: { id: string; id_pvd: string }[] = await em.query(
        `INSERT INTO pvd (id_pvd, epci_siren, date_selection, date_convention_adhesion)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::date[], $4::date[])
         RETURNING id, id_pvd`,
        [ids, picked.map((p) => p.epci_siren), picked.map(() => '2020-12-10'), dates],
      );
      const pvdId = new Map(pvds.map((p) => [p.id_pvd, p.id]));
      await em.query('INSERT INTO pvd_commune (commune_insee, pvd_id) SELECT * FROM unnest($1::varchar[], $2::uuid[])', [
        picked.map((p) => p.insee),
        ids.map((id) => pvdId.get(id)),
      ]);
      // Their membership periods, open since the selection (every membership change writes one).
      await em.query(
        `INSERT INTO pvd_commune_periode (commune_insee, pvd_id, debut, motif_debut)
         SELECT insee, pvd_id, '2020-12-10', 'selection' FROM unnest($1::varchar[], $2::uuid[]) AS m(insee, pvd_id)`,
        [picked.map((p) => p.insee), ids.map((id) => pvdId.get(id))],
      );
      for (const account of DEMO_ACCOUNTS) {
        const [user] = await em.query(
          'INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id',
          [account.email, account.displayName, passwordHash],
        );
        const organisation = await ensureOrganisation(em, account.organisation);
        await em.query('INSERT INTO membership (user_id, organisation_id, role) VALUES ($1, $2, $3)', [user.id, organisation.id, account.role]);
      }
      // The demo partner enters the missions of the Banque des Territoires.
      await em.query(
        `UPDATE financeur SET organisation_id = (SELECT id FROM organisation WHERE type = 'partenaire' AND nom = 'Banque des Territoires' LIMIT 1)
          WHERE code = 'banque_des_territoires' AND organisation_id IS NULL`,
      );
      const conventions = await seedDemoConventions(
        em,
        picked.map((p, i) => ({ id: pvdId.get(ids[i]) as string, insee: p.insee, adhesion: dates[i] })),
      );
      const ingenierie = await seedDemoIngenierie(
        em,
        picked.map((p, i) => ({ id: pvdId.get(ids[i]) as string, insee: p.insee, adhesion: dates[i] })),
      );
      const thematique = await seedDemoThematique(
        em,
        picked.map((p, i) => ({ id: pvdId.get(ids[i]) as string, insee: p.insee, departement: p.departement_code, epci: p.epci_siren, adhesion: dates[i] })),
      );
      const fiches = await seedDemoFiches(
        em,
        this.documents,
        { id: null, label: 'données de démonstration' },
        picked.map((p, i) => ({ id: pvdId.get(ids[i]) as string, insee: p.insee })),
      );
      const club = await seedDemoClub(em);
      // The demo holds nothing a user could not enter: its amounts pass the same plausibility rules.
      const implausible = await implausibleRecords(em);
      if (implausible.length > 0) throw new Error(`Implausible demo data: ${JSON.stringify(implausible.slice(0, 5))}`);
      const actor = { id: null, label: 'données de démonstration' };
      const entries: AuditEntry[] = pvds.map((p) => ({ action: 'pvd.create', entityType: 'pvd', entityId: p.id, before: null, after: { idPvd: p.id_pvd } }));
      entries.push(await seedDemoPublic(em));
      await this.audit.recordMany(em, actor, entries);
      this.logger.log({ pvds: pvds.length, conventions, ...ingenierie, ...thematique, ...fiches, ...club, departements: DEMO_DEPARTEMENTS.length, accounts: DEMO_ACCOUNTS.length }, 'Demo data seeded');
      return true;
    });
    return seeded;
  }
}
