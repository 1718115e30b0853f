import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  A_COMPLETER_LATE_AFTER_DAYS,
  alerteLisible,
  CONTACT_FONCTION_LABELS,
  CONTACT_FONCTIONS,
  canEditContact,
  canOn,
  conventionTitle,
  editableContacts,
  fieldChanges,
  isACompleterLate,
  sectionsDuDossier,
  type ContactFonction,
  type ConventionType,
  type DossierSection,
} from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { AuditReader, type AuditLogRow } from '../audit/audit-reader';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { versionConflict } from '../core/errors/version-conflict';
import { formatDateTimeFr, todayInFrance } from '../core/time/today';
import { echeanceColumnsSql, echeanceFromRow, toSummary, type ConventionSummaryRow } from '../conventions/convention-records';
import type { EcheanceDto } from '../conventions/dto/convention.dto';
import type { ContactDto, ContactInput, DossierAlerteDto, DossierApercuDto, DossierDto, DossierPosteDto, HistoryEntryDto, HistoryPageDto } from './dto/dossier.dto';
import { requireDossierRead, requirePvdAccess } from './pvd-access';
import { alertesDesPostes } from '../ingenierie/postes.service';

/** How soon before its deadline a convention-cadre not yet signed is flagged. */
const CADRE_DEADLINE_WARNING_DAYS = 90;

interface ContactRow {
  id: string;
  fonction: ContactFonction;
  nom: string;
  qualite: string | null;
  email: string | null;
  telephone: string | null;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
}

const contactSnapshot = (c: Pick<ContactRow, 'fonction' | 'nom' | 'qualite' | 'email' | 'telephone'>) => ({
  fonction: c.fonction,
  nom: c.nom,
  qualite: c.qualite,
  email: c.email,
  telephone: c.telephone,
});

/** The dossier of a PVD: who it is, who to call, where its conventions stand, what is late, and its history. */
@Injectable()
export class DossiersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auditReader: AuditReader,
  ) {}

  /**
   * The dossier as the caller reads it (`lectureDuDossier`): whole for its readers; its summary for
   * a partner funding something in the PVD — no contacts, the alerts of the summary only, and no
   * write rights.
   */
  async get(user: CurrentUser, pvdId: string): Promise<DossierDto> {
    const { effectifs: _counted, ...dossier } = await this.apercu(user, pvdId, false);
    return dossier;
  }

  /**
   * The dossier page's first screen (`get`, and how many records each section holds) in one
   * statement over the dossier's own rows, after the access check; the posts' alerts come from
   * their own rule (`alertesDesPostes`). Each count is the total its section's list shows the
   * caller: a partner's missions and lines are counted when it opens them.
   */
  async apercu(user: CurrentUser, pvdId: string, counted = true): Promise<DossierApercuDto> {
    const access = await requireDossierRead(this.dataSource, user, pvdId);
    const complete = access.lecture === 'complete';
    const sections = sectionsDuDossier(access.lecture);
    const count = (section: DossierSection, sql: string) => (counted && sections.includes(section) ? `(${sql})::int` : 'NULL::int');
    const today = todayInFrance();
    const [[row], postes]: [ApercuRow[], Awaited<ReturnType<typeof alertesDesPostes>>] = await Promise.all([
      this.dataSource.query(
        `SELECT p.id, p.id_pvd, p.epci_siren, e.nom AS epci_nom, p.date_selection::text, p.date_convention_adhesion::text,
                ${echeanceColumnsSql('p', '$2::date')},
                COALESCE((SELECT json_agg(json_build_object('insee', c.insee, 'nom', c.nom, 'population', c.population, 'departementCode', c.departement_code,
                                                            'departementNom', d.nom, 'regionNom', r.nom) ORDER BY c.population DESC NULLS LAST, c.insee)
                            FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee
                            JOIN departement d ON d.code = c.departement_code JOIN region r ON r.code = c.region_code
                           WHERE pc.pvd_id = p.id), '[]') AS communes,
                CASE WHEN $3 THEN COALESCE((SELECT json_agg(json_build_object('fonction', k.fonction, 'nom', k.nom, 'qualite', k.qualite, 'email', k.email,
                                                                              'telephone', k.telephone, 'version', k.version))
                                              FROM pvd_contact k WHERE k.pvd_id = p.id), '[]') ELSE '[]' END AS contacts,
                COALESCE((SELECT json_agg(json_build_object('id', c.id, 'type', c.type, 'numero', c.numero, 'objet', c.objet, 'etat', c.etat,
                                                            'etat_depuis', c.etat_depuis, 'date_signature', c.date_signature::text, 'version', c.version)
                                          ORDER BY c.type, c.numero NULLS FIRST)
                            FROM convention c WHERE c.pvd_id = p.id), '[]') AS conventions,
                -- Whether each post is held today: its state, without its holder.
                COALESCE((SELECT json_agg(json_build_object('id', po.id, 'intitule', po.intitule, 'pourvu',
                                            EXISTS (SELECT 1 FROM poste_titulaire t WHERE t.poste_id = po.id AND t.date_debut <= $2::date AND (t.date_fin IS NULL OR t.date_fin >= $2::date)))
                                          ORDER BY po.intitule, po.id)
                            FROM poste po WHERE po.pvd_id = p.id), '[]') AS postes,
                ${count('missions', 'SELECT count(*) FROM mission m WHERE m.pvd_id = p.id')} AS missions,
                ${count('ort', 'SELECT count(DISTINCT oc.ort_id) FROM ort_commune oc JOIN pvd_commune pc ON pc.commune_insee = oc.commune_insee WHERE pc.pvd_id = p.id')} AS ort,
                ${count('operations_habitat', 'SELECT count(DISTINCT oc.operation_id) FROM operation_habitat_commune oc JOIN pvd_commune pc ON pc.commune_insee = oc.commune_insee WHERE pc.pvd_id = p.id')} AS operations_habitat,
                -- The lines of the dossier's financing section: one (type, code) list probed through the beneficiary index.
                ${count(
                  'financements',
                  `SELECT count(*) FROM ligne_financement l WHERE (l.beneficiaire_type, l.beneficiaire_code) IN (
                     SELECT 'commune', fpc.commune_insee FROM pvd_commune fpc WHERE fpc.pvd_id = p.id
                     UNION ALL SELECT 'epci', fc.epci_siren FROM pvd_commune fpc JOIN commune fc ON fc.insee = fpc.commune_insee WHERE fpc.pvd_id = p.id AND fc.epci_siren IS NOT NULL
                     UNION ALL SELECT 'epci', p.epci_siren WHERE p.epci_siren IS NOT NULL)`,
                )} AS financements,
                ${count('demarches', 'SELECT count(*) FROM demarche_participation dp JOIN pvd_commune pc ON pc.commune_insee = dp.commune_insee WHERE pc.pvd_id = p.id')} AS demarches,
                ${count('historique', 'SELECT count(*) FROM audit_log a WHERE a.pvd_id = p.id')} AS historique
           FROM pvd p LEFT JOIN epci e ON e.siren = p.epci_siren
          WHERE p.id = $1`,
        [pvdId, today, complete],
      ),
      alertesDesPostes(this.dataSource, pvdId),
    ]);
    const conventions = row.conventions;
    const echeance = echeanceFromRow(row, today);
    const alertes = alertesDuDossier(conventions, echeance, postes, today).filter((a) => alerteLisible(access.lecture, a.code));
    return {
      id: row.id,
      idPvd: row.id_pvd,
      nom: row.communes.map((c) => c.nom).join(' – '),
      communes: row.communes,
      epciSiren: row.epci_siren,
      epciNom: row.epci_nom,
      dateSelection: row.date_selection,
      dateConventionAdhesion: row.date_convention_adhesion,
      contacts: (complete ? CONTACT_FONCTIONS : []).map((fonction): ContactDto => {
        const c = row.contacts.find((x) => x.fonction === fonction);
        return c
          ? { fonction, nom: c.nom, qualite: c.qualite, email: c.email, telephone: c.telephone, version: c.version }
          : { fonction, nom: null, qualite: null, email: null, telephone: null, version: 0 };
      }),
      conventions: {
        adhesion: summaryOf(conventions, 'adhesion'),
        cadre: summaryOf(conventions, 'cadre'),
        avenants: conventions.filter((c) => c.type === 'avenant').map(toSummary),
      },
      echeanceConventionCadre: echeance,
      alertes,
      postes: row.postes,
      droits: {
        lecture: access.lecture,
        sections: [...sections],
        modifier: complete && canOn(user.memberships, 'pvd:modifier', access.territory),
        instruire: complete && canOn(user.memberships, 'convention:valider', access.territory),
        contacts: complete ? editableContacts(user.memberships, access.territory) : [],
      },
      effectifs: {
        postes: counted && (sections.includes('postes') || sections.includes('etat_postes')) ? row.postes.length : null,
        missions: complete ? row.missions : null,
        ort: row.ort,
        operationsHabitat: row.operations_habitat,
        financements: complete ? row.financements : null,
        demarches: row.demarches,
        historique: row.historique,
      },
    };
  }

  /**
   * Sets who holds one function in the dossier. Version 0 creates; a stale version gets 409.
   * The chef de projet fills in every contact, the préfecture its own référent only (canEditContact).
   */
  async saveContact(user: CurrentUser, actor: Actor, pvdId: string, fonction: ContactFonction, input: ContactInput): Promise<ContactDto> {
    return this.dataSource.transaction(async (em) => {
      const access = await requirePvdAccess(em, user, pvdId, 'pvd:lire');
      if (!canEditContact(user.memberships, fonction, access.territory)) {
        throw new AppError('FORBIDDEN', `Votre rôle ne permet pas de renseigner le contact « ${CONTACT_FONCTION_LABELS[fonction]} » de ce dossier.`);
      }
      await em.query('SELECT id FROM pvd WHERE id = $1 FOR UPDATE', [pvdId]);
      // The PVD row locked above serialises writers of its contacts: this read sees the last one.
      const [current]: ContactRow[] = await em.query(
        `SELECT k.id, k.fonction, k.nom, k.qualite, k.email, k.telephone, k.version, k.updated_at, u.display_name AS updated_by_name
           FROM pvd_contact k LEFT JOIN app_user u ON u.id = k.updated_by WHERE k.pvd_id = $1 AND k.fonction = $2`,
        [pvdId, fonction],
      );
      if ((current?.version ?? 0) !== input.version) {
        throw versionConflict({ text: `Le contact « ${CONTACT_FONCTION_LABELS[fonction]} »`, feminine: false }, current?.updated_by_name ?? null, current?.updated_at ?? null);
      }
      const next = {
        fonction,
        nom: input.nom.trim(),
        qualite: input.qualite?.trim() || null,
        email: input.email?.trim().toLowerCase() || null,
        telephone: input.telephone?.trim() || null,
      };
      const before = current ? contactSnapshot(current) : null;
      if (before && fieldChanges(before, next).length === 0) return { ...next, version: current.version };
      const [saved] = await em.query(
        `INSERT INTO pvd_contact (pvd_id, fonction, nom, qualite, email, telephone, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (pvd_id, fonction) DO UPDATE SET nom = $3, qualite = $4, email = $5, telephone = $6, updated_by = $7,
                updated_at = now(), version = pvd_contact.version + 1
         RETURNING id, version`,
        [pvdId, fonction, next.nom, next.qualite, next.email, next.telephone, user.id],
      );
      await this.audit.record(em, actor, { action: 'contact.modifie', entityType: 'pvd_contact', entityId: saved.id, pvdId, before, after: next });
      return { ...next, version: saved.version };
    });
  }

  /** Every change recorded for the dossier, newest first, with the fields each one altered, in words. */
  async history(user: CurrentUser, pvdId: string, page: number, pageSize: number): Promise<HistoryPageDto> {
    await requirePvdAccess(this.dataSource, user, pvdId, 'pvd:lire');
    const rows: (AuditLogRow & { id: string; at: Date; total: string })[] = await this.dataSource.query(
      `SELECT a.id, a.at, a.actor_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.before, a.after, a.pvd_id, count(*) OVER () AS total
         FROM audit_log a
        WHERE a.pvd_id = $1 ORDER BY a.at DESC, a.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      [pvdId],
    );
    const words = await this.auditReader.read(rows);
    return {
      items: rows.map(
        (r, i): HistoryEntryDto => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          auteur: words[i].auteur,
          action: r.action,
          actionLibelle: words[i].actionLibelle,
          entityType: r.entity_type,
          entityId: r.entity_id,
          objet: words[i].objet,
          changes: words[i].changes,
        }),
      ),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }
}

/** The row of the dossier's first screen (`apercu`), its lists as JSON. */
interface ApercuRow {
  id: string;
  id_pvd: string;
  epci_siren: string | null;
  epci_nom: string | null;
  date_selection: string | null;
  date_convention_adhesion: string | null;
  echeance_adhesion: string | null;
  echeance_delai: number | string;
  echeance_cadre_signee: string | null;
  communes: DossierDto['communes'];
  contacts: Omit<ContactRow, 'id' | 'updated_at' | 'updated_by_name'>[];
  conventions: ConventionSummaryRow[];
  postes: DossierPosteDto[];
  missions: number | null;
  ort: number | null;
  operations_habitat: number | null;
  financements: number | null;
  demarches: number | null;
  historique: number | null;
}

/** The dossier's alerts: the convention-cadre's deadline, conventions waiting for compléments, the posts'. */
function alertesDuDossier(
  conventions: ConventionSummaryRow[],
  echeance: EcheanceDto,
  postes: Awaited<ReturnType<typeof alertesDesPostes>>,
  today: string,
): DossierAlerteDto[] {
  const alertes: DossierAlerteDto[] = [];
  const cadre = conventions.find((c) => c.type === 'cadre') ?? null;
  const { dateLimite, joursRestants, joursRetard } = echeance;
  if (echeance.kind === 'en_retard' && dateLimite) {
    alertes.push({
      code: 'CADRE_EN_RETARD',
      niveau: 'error',
      message: `La convention-cadre devait être signée au plus tard le ${frDay(dateLimite)} : ${joursRetard} jours de retard.`,
      conventionId: cadre?.id ?? null,
      posteId: null,
    });
  } else if (echeance.kind === 'a_venir' && dateLimite && joursRestants !== null && joursRestants <= CADRE_DEADLINE_WARNING_DAYS) {
    alertes.push({
      code: 'CADRE_ECHEANCE_PROCHE',
      niveau: 'warning',
      message: `La convention-cadre doit être signée d'ici le ${frDay(dateLimite)} (${joursRestants} jours).`,
      conventionId: cadre?.id ?? null,
      posteId: null,
    });
  } else if (echeance.kind === 'sans_echeance') {
    alertes.push({ code: 'ADHESION_NON_RENSEIGNEE', niveau: 'info', message: "La date de la convention d'adhésion n'est pas connue : l'échéance de la convention-cadre ne peut pas être calculée.", conventionId: null, posteId: null });
  }
  for (const c of conventions) {
    const since = new Date(c.etat_depuis);
    if (c.etat === 'a_completer' && isACompleterLate(todayInFrance(since), today)) {
      alertes.push({
        code: 'A_COMPLETER_SANS_REPONSE',
        niveau: 'warning',
        message: `${conventionTitle(c.type, c.numero)} : des compléments sont attendus depuis le ${formatDateTimeFr(since).slice(0, 10)} (plus de ${A_COMPLETER_LATE_AFTER_DAYS} jours).`,
        conventionId: c.id,
        posteId: null,
      });
    }
  }
  for (const { posteId, alerte } of postes) alertes.push({ code: alerte.code, niveau: alerte.niveau, message: alerte.message, conventionId: null, posteId });
  return alertes;
}

function summaryOf(conventions: ConventionSummaryRow[], type: ConventionType) {
  const c = conventions.find((x) => x.type === type);
  return c ? toSummary(c) : null;
}

function frDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
