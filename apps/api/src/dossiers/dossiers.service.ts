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
} from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { AuditReader, type AuditLogRow } from '../audit/audit-reader';
import { Actor, AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { versionConflict } from '../core/errors/version-conflict';
import { formatDateTimeFr, todayInFrance } from '../core/time/today';
import { CONVENTION_SELECT, echeanceOf, toSummary, type ConventionRow } from '../conventions/convention-records';
import type { ContactDto, ContactInput, DossierAlerteDto, DossierDto, DossierPosteDto, HistoryEntryDto, HistoryPageDto } from './dto/dossier.dto';
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
    const access = await requireDossierRead(this.dataSource, user, pvdId);
    const complete = access.lecture === 'complete';
    const today = todayInFrance();
    const [[pvd], communes, contacts, conventions, echeance, postes, etatPostes] = await Promise.all([
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
      complete ? this.dataSource.query('SELECT fonction, nom, qualite, email, telephone, version FROM pvd_contact WHERE pvd_id = $1', [pvdId]) : Promise.resolve([]),
      this.dataSource.query(`${CONVENTION_SELECT} WHERE c.pvd_id = $1 ORDER BY c.type, c.numero NULLS FIRST`, [pvdId]) as Promise<ConventionRow[]>,
      echeanceOf(this.dataSource, pvdId, today),
      alertesDesPostes(this.dataSource, pvdId),
      // Whether each post is held today: its state, without its holder.
      this.dataSource.query(
        `SELECT po.id, po.intitule,
                EXISTS (SELECT 1 FROM poste_titulaire t WHERE t.poste_id = po.id AND t.date_debut <= $2::date AND (t.date_fin IS NULL OR t.date_fin >= $2::date)) AS pourvu
           FROM poste po WHERE po.pvd_id = $1 ORDER BY po.intitule, po.id`,
        [pvdId, today],
      ) as Promise<DossierPosteDto[]>,
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
      contacts: (complete ? CONTACT_FONCTIONS : []).map((fonction): ContactDto => {
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
      alertes: alertes.filter((a) => alerteLisible(access.lecture, a.code)),
      postes: etatPostes,
      droits: {
        lecture: access.lecture,
        sections: [...sectionsDuDossier(access.lecture)],
        modifier: complete && canOn(user.memberships, 'pvd:modifier', access.territory),
        instruire: complete && canOn(user.memberships, 'convention:valider', access.territory),
        contacts: complete ? editableContacts(user.memberships, access.territory) : [],
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

function summaryOf(conventions: ConventionRow[], type: ConventionType) {
  const c = conventions.find((x) => x.type === type);
  return c ? toSummary(c) : null;
}

function frDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
