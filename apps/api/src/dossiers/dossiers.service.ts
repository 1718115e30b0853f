import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  A_COMPLETER_LATE_AFTER_DAYS,
  CONTACT_FONCTION_LABELS,
  CONTACT_FONCTIONS,
  canEditContact,
  canOn,
  conventionTitle,
  editableContacts,
  fieldChanges,
  isACompleterLate,
  type ContactFonction,
  type ConventionType,
} from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { versionConflict } from '../core/errors/version-conflict';
import { formatDateTimeFr, todayInFrance } from '../core/time/today';
import { CONVENTION_SELECT, echeanceOf, toSummary, type ConventionRow } from '../conventions/convention-records';
import type { ContactDto, ContactInput, DossierAlerteDto, DossierDto, HistoryEntryDto, HistoryPageDto } from './dto/dossier.dto';
import { requirePvdAccess } from './pvd-access';
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
  ) {}

  async get(user: CurrentUser, pvdId: string): Promise<DossierDto> {
    const access = await requirePvdAccess(this.dataSource, user, pvdId, 'pvd:lire');
    const today = todayInFrance();
    const [[pvd], communes, contacts, conventions, echeance, postes] = await Promise.all([
      this.dataSource.query(
        `SELECT p.id, p.id_pvd, p.epci_siren, e.nom AS epci_nom, p.date_selection::text, p.date_convention_adhesion::text
           FROM pvd p LEFT JOIN epci e ON e.siren = p.epci_siren WHERE p.id = $1`,
        [pvdId],
      ),
      this.dataSource.query(
        `SELECT c.insee, c.nom, c.population, c.departement_code AS "departementCode", d.nom AS "departementNom", r.nom AS "regionNom"
           FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee
           JOIN departement d ON d.code = c.departement_code JOIN region r ON r.code = c.region_code
          WHERE pc.pvd_id = $1 ORDER BY c.population DESC NULLS LAST, c.insee`,
        [pvdId],
      ),
      this.dataSource.query('SELECT fonction, nom, qualite, email, telephone, version FROM pvd_contact WHERE pvd_id = $1', [pvdId]),
      this.dataSource.query(`${CONVENTION_SELECT} WHERE c.pvd_id = $1 ORDER BY c.type, c.numero NULLS FIRST`, [pvdId]) as Promise<ConventionRow[]>,
      echeanceOf(this.dataSource, pvdId, today),
      alertesDesPostes(this.dataSource, pvdId),
    ]);

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

    return {
      id: pvd.id,
      idPvd: pvd.id_pvd,
      nom: communes.map((c: { nom: string }) => c.nom).join(' – '),
      communes,
      epciSiren: pvd.epci_siren,
      epciNom: pvd.epci_nom,
      dateSelection: pvd.date_selection,
      dateConventionAdhesion: pvd.date_convention_adhesion,
      contacts: CONTACT_FONCTIONS.map((fonction): ContactDto => {
        const c = contacts.find((x: ContactRow) => x.fonction === fonction);
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
      droits: {
        modifier: canOn(user.memberships, 'pvd:modifier', access.territory),
        instruire: canOn(user.memberships, 'convention:valider', access.territory),
        contacts: editableContacts(user.memberships, access.territory),
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

  /** Every change recorded for the dossier, newest first, with the fields each one altered. */
  async history(user: CurrentUser, pvdId: string, page: number, pageSize: number): Promise<HistoryPageDto> {
    await requirePvdAccess(this.dataSource, user, pvdId, 'pvd:lire');
    const rows: { id: string; at: Date; actor_label: string; display_name: string | null; action: string; entity_type: string; entity_id: string; before: unknown; after: unknown; total: string }[] =
      await this.dataSource.query(
        `SELECT a.id, a.at, a.actor_label, u.display_name, a.action, a.entity_type, a.entity_id, a.before, a.after, count(*) OVER () AS total
           FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_id
          WHERE a.pvd_id = $1 ORDER BY a.at DESC, a.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        [pvdId],
      );
    return {
      items: rows.map(
        (r): HistoryEntryDto => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          auteur: r.display_name ? `${r.display_name} (${r.actor_label})` : r.actor_label,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          objet: describe(r.entity_type, (r.after ?? r.before) as Record<string, unknown> | null, r.action),
          // A recomputation tells its cause in the title; only the yearly figures are listed as changes.
          changes: fieldChanges(r.before, r.after, ['version', 'updatedAt', 'createdAt', 'type', 'numero', 'fonction', 'message', 'parametre']),
        }),
      ),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }
}

function summaryOf(conventions: ConventionRow[], type: ConventionType) {
  const c = conventions.find((x) => x.type === type);
  return c ? toSummary(c) : null;
}

function frDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** What an audit entry is about, in words. */
function describe(entityType: string, snapshot: Record<string, unknown> | null, action = ''): string {
  if (action === 'poste.subvention_recalculee') return `Poste « ${String(snapshot?.intitule ?? '')} » – ${String(snapshot?.message ?? 'cofinancement recalculé')}`;
  switch (entityType) {
    case 'convention':
      return conventionTitle((snapshot?.type as ConventionType) ?? 'cadre', (snapshot?.numero as number | null) ?? null);
    case 'pvd_contact':
      return `Contact : ${CONTACT_FONCTION_LABELS[snapshot?.fonction as ContactFonction] ?? 'contact'}`;
    case 'document':
      return `Document « ${String(snapshot?.titre ?? '')} »`;
    case 'pvd':
      return 'Programme (liste nationale)';
    case 'poste':
      return `Poste « ${String(snapshot?.intitule ?? '')} »`;
    case 'demande_cofinancement':
      return `Demande de cofinancement ${String(snapshot?.annee ?? '')}`;
    case 'mission':
      return `Mission « ${String(snapshot?.intitule ?? '')} »`;
    case 'ort':
      return `ORT « ${String(snapshot?.libelle ?? '')} »`;
    case 'operation_habitat':
      return `Opération d’habitat « ${String(snapshot?.libelle ?? '')} »`;
    case 'ligne_financement':
      return `Financement « ${String(snapshot?.projet ?? '')} »`;
    case 'demarche_participation':
      return `Dispositif thématique « ${String(snapshot?.demarche ?? snapshot?.demarcheNom ?? snapshot?.nom ?? '')} »`;
    default:
      return entityType;
  }
}
