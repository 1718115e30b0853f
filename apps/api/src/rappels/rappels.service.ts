import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  A_COMPLETER_LATE_AFTER_DAYS,
  conventionTitle,
  DEMANDE_ANNUELLE_ECHEANCE,
  DOSSIER_INACTIF_MOIS,
  RAPPEL_CADRE_JOURS,
  RAPPEL_DESTINATAIRES,
  RAPPEL_LABELS,
  RAPPEL_TYPES,
  rappelItemType,
  rappelNotificationKind,
  rappelOccurrenceKey,
  rappelPath,
  rappelRaison,
  type ConventionType,
  type RappelFaits,
  type RappelType,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { aCompleterSansReponseSql, adhesionDaySql, cadreDueDaySql, cadreEnRetardSql, etatDepuisJourSql } from '../conventions/convention-lateness-sql';
import { alertesDesPostesAu } from '../ingenierie/postes.service';
import { NotificationsService } from '../notifications/notifications.service';

/** What one check did: the reminders it sent per type, and the occurrences whose cause it no longer found. */
export interface RappelsBilan {
  asOf: string;
  envoyes: Record<RappelType, number>;
  leves: number;
}

/** A current occurrence not recorded yet, with what its reason and recipients are written from. */
interface Nouveau {
  cle: string;
  type: RappelType;
  pvd_id: string;
  objet_id: string;
  fait: string;
  pvd_nom: string;
  convention_type: ConventionType | null;
  convention_numero: number | null;
  intitule: string | null;
  message: string | null;
  chefs: string[];
  prefecture: string[];
}

/** Posts confirmed by the domain per statement (their children are loaded with them). */
const POSTES_CHUNK = 500;
/** Reminders inserted per statement. */
const INSERT_CHUNK = 1000;
/** Serialises checks (a scheduled run and one asked by an administrator): first key of the transaction lock. */
const CHECK_LOCK = 80_118;

/** A PVD (alias `p`) still in the programme on `day`. */
const enProgramme = (day: string) => `(p.date_retrait IS NULL OR p.date_retrait > ${day})`;

/**
 * The daily reminders (issue 18). One check, for a calendar day, in one transaction:
 * 1. the current occurrences of every cause over the nation, into a temporary table, in SQL
 *    reusing the rules of the work list (convention-cadre deadline, « à compléter » without an
 *    answer); for posts, SQL keeps the posts that may have an alert (not held that day, or no
 *    request for the year after its due day while co-financed) and the domain's post alerts
 *    decide, so the rule is written once;
 * 2. the occurrences not recorded yet get their reason and recipients and are recorded, their
 *    key unique, and notified (in-app, and email per each recipient's choice) in the same
 *    transaction: a rerun the same day or the next finds them and sends nothing;
 * 3. recorded occurrences no longer current are marked lifted (and nothing more is sent for them).
 */
@Injectable()
export class RappelsService {
  private readonly logger = new Logger(RappelsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async verifier(asOf: string): Promise<RappelsBilan> {
    const bilan = await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1, 0)', [CHECK_LOCK]);
      await em.query(
        `CREATE TEMP TABLE rappel_courant (cle text PRIMARY KEY, type text NOT NULL, pvd_id uuid NOT NULL, objet_id uuid NOT NULL, fait text NOT NULL,
                                           intitule text, message text) ON COMMIT DROP`,
      );
      await this.detecterConventionsEtDossiers(em, asOf);
      await this.detecterPostes(em, asOf);
      const envoyes = await this.enregistrerNouveaux(em, asOf);
      const leves = await this.lever(em, asOf);
      return { asOf, envoyes, leves };
    });
    this.logger.log(bilan, 'Reminders checked');
    return bilan;
  }

  /** Convention-cadre due within 90 days or late, « à compléter » unanswered, dormant dossiers: one statement. */
  private async detecterConventionsEtDossiers(em: EntityManager, asOf: string): Promise<void> {
    const [j90, j30] = RAPPEL_CADRE_JOURS;
    await em.query(
      // The key is rappelOccurrenceKey(type, record, fact), written in SQL.
      `INSERT INTO rappel_courant (cle, type, pvd_id, objet_id, fait)
       SELECT x.type || ':' || x.objet_id || ':' || x.fait, x.type, x.pvd_id, x.objet_id, x.fait
         FROM (
           SELECT CASE WHEN ${cadreEnRetardSql('d.limite', 'k', '$1::date')} THEN 'cadre_retard'
                       WHEN d.limite - $1::date <= $5 THEN 'cadre_30' ELSE 'cadre_90' END AS type,
                  p.id AS pvd_id, p.id AS objet_id, d.limite::text AS fait
             FROM pvd p
             CROSS JOIN LATERAL (SELECT ${adhesionDaySql('p')} AS adhesion) a
             CROSS JOIN LATERAL (SELECT ${cadreDueDaySql('a.adhesion')} AS limite) d
             LEFT JOIN convention k ON k.pvd_id = p.id AND k.type = 'cadre'
            WHERE ${enProgramme('$1::date')} AND a.adhesion IS NOT NULL
              AND (${cadreEnRetardSql('d.limite', 'k', '$1::date')}
                   OR (d.limite >= $1::date AND d.limite - $1::date <= $4 AND (k.id IS NULL OR k.etat <> 'signee')))
           UNION ALL
           SELECT 'a_completer', p.id, k.id, ${etatDepuisJourSql('k')}::text
             FROM convention k JOIN pvd p ON p.id = k.pvd_id
            WHERE ${enProgramme('$1::date')} AND ${aCompleterSansReponseSql('k', '$1::date', '$2::int')}
           UNION ALL
           SELECT 'dossier_inactif', p.id, p.id, l.jour::text
             FROM pvd p
             CROSS JOIN LATERAL (
               -- The last change by a person (an import or a job has no actor), else the day the PVD was recorded;
               -- read backwards on idx_audit_log_pvd (pvd_id, at), stopping at the first.
               SELECT COALESCE((SELECT (al.at AT TIME ZONE 'Europe/Paris')::date FROM audit_log al
                                 WHERE al.pvd_id = p.id AND al.actor_id IS NOT NULL ORDER BY al.at DESC LIMIT 1),
                               (p.created_at AT TIME ZONE 'Europe/Paris')::date) AS jour) l
            WHERE ${enProgramme('$1::date')} AND (l.jour + make_interval(months => $3))::date < $1::date
         ) x`,
      [asOf, A_COMPLETER_LATE_AFTER_DAYS, DOSSIER_INACTIF_MOIS, j90, j30],
    );
  }

  /**
   * Vacant posts and missing yearly requests: SQL narrows to the posts that may have one of these
   * alerts on `asOf` (necessary conditions only), the domain's post alerts decide.
   */
  private async detecterPostes(em: EntityManager, asOf: string): Promise<void> {
    const candidates: { id: string }[] = await em.query(
      `SELECT po.id FROM poste po JOIN pvd p ON p.id = po.pvd_id
        WHERE ${enProgramme('$1::date')}
          AND (NOT EXISTS (SELECT 1 FROM poste_titulaire t WHERE t.poste_id = po.id AND t.date_debut <= $1::date AND (t.date_fin IS NULL OR $1::date <= t.date_fin))
               OR (to_char($1::date, 'MM-DD') > $2
                   AND NOT EXISTS (SELECT 1 FROM demande_cofinancement dc WHERE dc.poste_id = po.id AND dc.annee = extract(year FROM $1::date)::int)
                   AND EXISTS (SELECT 1 FROM poste_cofinanceur pc WHERE pc.poste_id = po.id)))
        ORDER BY po.id`,
      [asOf, DEMANDE_ANNUELLE_ECHEANCE],
    );
    for (let i = 0; i < candidates.length; i += POSTES_CHUNK) {
      const ids = candidates.slice(i, i + POSTES_CHUNK).map((c) => c.id);
      const rows = (await alertesDesPostesAu(em, ids, asOf)).flatMap(({ posteId, pvdId, intitule, alerte }) => {
        if (alerte.code === 'POSTE_VACANT') return [{ type: 'poste_vacant', posteId, pvdId, intitule, message: alerte.message, fait: alerte.date }];
        if (alerte.code === 'DEMANDE_ANNUELLE_MANQUANTE') return [{ type: 'demande_annuelle', posteId, pvdId, intitule, message: alerte.message, fait: alerte.date.slice(0, 4) }];
        return [];
      });
      if (rows.length === 0) continue;
      await em.query(
        `INSERT INTO rappel_courant (cle, type, pvd_id, objet_id, fait, intitule, message)
         SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[]) ON CONFLICT (cle) DO NOTHING`,
        [
          rows.map((r) => rappelOccurrenceKey(r.type as RappelType, r.posteId, r.fait)),
          rows.map((r) => r.type),
          rows.map((r) => r.pvdId),
          rows.map((r) => r.posteId),
          rows.map((r) => r.fait),
          rows.map((r) => r.intitule),
          rows.map((r) => r.message),
        ],
      );
    }
  }

  /**
   * Records the current occurrences not recorded yet, with their reason and recipients: the chefs
   * de projet of the dossier (members of one of its communes or of its EPCI) and, for the types
   * that name them, the préfecture instructeurs of its départements; active accounts only.
   */
  private async enregistrerNouveaux(em: EntityManager, asOf: string): Promise<Record<RappelType, number>> {
    const nouveaux: Nouveau[] = await em.query(
      `SELECT c.cle, c.type, c.pvd_id, c.objet_id, c.fait, c.intitule, c.message, k.type AS convention_type, k.numero AS convention_numero,
              COALESCE(n.nom, p.id_pvd) AS pvd_nom, COALESCE(ch.ids, '{}') AS chefs, COALESCE(pr.ids, '{}') AS prefecture
         FROM rappel_courant c
         JOIN pvd p ON p.id = c.pvd_id
         LEFT JOIN convention k ON c.type = 'a_completer' AND k.id = c.objet_id
         CROSS JOIN LATERAL (
           SELECT string_agg(cm.nom, ' – ' ORDER BY cm.population DESC NULLS LAST, cm.insee) AS nom
             FROM pvd_commune pc JOIN commune cm ON cm.insee = pc.commune_insee WHERE pc.pvd_id = p.id) n
         CROSS JOIN LATERAL (
           SELECT array_agg(DISTINCT m.user_id ORDER BY m.user_id) AS ids
             FROM membership m JOIN organisation o ON o.id = m.organisation_id JOIN app_user u ON u.id = m.user_id AND u.active
            WHERE m.role = 'chef_de_projet'
              AND ((o.type = 'commune' AND o.commune_insee IN (SELECT pc.commune_insee FROM pvd_commune pc WHERE pc.pvd_id = p.id))
                   OR (o.type = 'epci' AND (o.epci_siren = p.epci_siren
                        OR o.epci_siren IN (SELECT cm.epci_siren FROM pvd_commune pc JOIN commune cm ON cm.insee = pc.commune_insee WHERE pc.pvd_id = p.id))))) ch
         CROSS JOIN LATERAL (
           SELECT array_agg(DISTINCT m.user_id ORDER BY m.user_id) AS ids
             FROM membership m JOIN organisation o ON o.id = m.organisation_id JOIN app_user u ON u.id = m.user_id AND u.active
            WHERE m.role = 'prefecture_instructeur' AND o.type = 'prefecture'
              AND o.departement_code IN (SELECT cm.departement_code FROM pvd_commune pc JOIN commune cm ON cm.insee = pc.commune_insee WHERE pc.pvd_id = p.id)) pr
        WHERE NOT EXISTS (SELECT 1 FROM rappel r WHERE r.cle = c.cle)
        ORDER BY c.cle`,
    );
    const envoyes = Object.fromEntries(RAPPEL_TYPES.map((t) => [t, 0])) as Record<RappelType, number>;
    for (let i = 0; i < nouveaux.length; i += INSERT_CHUNK) {
      const rows = nouveaux.slice(i, i + INSERT_CHUNK).map((n) => ({
        cle: n.cle,
        type: n.type,
        pvd_id: n.pvd_id,
        objet_id: n.objet_id,
        raison: rappelRaison(faitsOf(n), asOf),
        destinataires: [...new Set([...n.chefs, ...(RAPPEL_DESTINATAIRES[n.type].includes('prefecture_instructeur') ? n.prefecture : [])])],
      }));
      const inserted: { cle: string; type: RappelType }[] = await em.query(
        `INSERT INTO rappel (cle, type, pvd_id, objet_id, raison, destinataires, detecte_le)
         SELECT x.cle, x.type, x.pvd_id, x.objet_id, x.raison, x.destinataires, $2::date
           FROM jsonb_to_recordset($1::jsonb) AS x(cle text, type text, pvd_id uuid, objet_id uuid, raison text, destinataires uuid[])
         ON CONFLICT (cle) DO NOTHING RETURNING cle, type`,
        [JSON.stringify(rows), asOf],
      );
      const byKey = new Map(rows.map((r, index) => [r.cle, { row: r, nouveau: nouveaux[i + index] }]));
      for (const { cle, type } of inserted) {
        envoyes[type] += 1;
        const { row, nouveau } = byKey.get(cle) as { row: (typeof rows)[number]; nouveau: Nouveau };
        await this.notifications.record(em, {
          kind: rappelNotificationKind(type),
          recipientIds: row.destinataires,
          actorId: null,
          item: { type: rappelItemType(type), id: row.objet_id, label: itemLabel(nouveau), path: rappelPath(type, row.pvd_id, row.objet_id) },
          dossierId: row.pvd_id,
          title: RAPPEL_LABELS[type],
          body: row.raison,
          occurrenceKey: cle,
        });
      }
    }
    return envoyes;
  }

  /** Recorded occurrences the check no longer finds are lifted; one found again is current again (not sent again). */
  private async lever(em: EntityManager, asOf: string): Promise<number> {
    await em.query(`UPDATE rappel r SET leve_le = NULL WHERE r.leve_le IS NOT NULL AND EXISTS (SELECT 1 FROM rappel_courant c WHERE c.cle = r.cle)`);
    const [, count] = (await em.query(
      `UPDATE rappel r SET leve_le = $1::date
        WHERE r.leve_le IS NULL AND r.detecte_le <= $1::date AND NOT EXISTS (SELECT 1 FROM rappel_courant c WHERE c.cle = r.cle)`,
      [asOf],
    )) as [unknown[], number];
    return count;
  }
}

/** The facts a new occurrence's reason is written from. */
function faitsOf(n: Nouveau): RappelFaits {
  switch (n.type) {
    case 'cadre_90':
    case 'cadre_30':
    case 'cadre_retard':
      return { type: n.type, pvdNom: n.pvd_nom, dueDate: n.fait };
    case 'a_completer':
      return { type: n.type, pvdNom: n.pvd_nom, conventionTitre: conventionTitle(n.convention_type ?? 'cadre', n.convention_numero), depuis: n.fait };
    case 'poste_vacant':
    case 'demande_annuelle':
      return { type: n.type, pvdNom: n.pvd_nom, intitule: n.intitule ?? '', message: n.message ?? '' };
    case 'dossier_inactif':
      return { type: n.type, pvdNom: n.pvd_nom, depuis: n.fait };
  }
}

/** What the notification names: the dossier, the convention or the post, with its dossier. */
function itemLabel(n: Nouveau): string {
  switch (rappelItemType(n.type)) {
    case 'convention':
      return `${conventionTitle(n.convention_type ?? 'cadre', n.convention_numero)} — ${n.pvd_nom}`;
    case 'poste':
      return `${n.intitule ?? 'Poste'} — ${n.pvd_nom}`;
    case 'dossier':
      return n.pvd_nom;
  }
}
