import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addYearsIso,
  clubOrganisateurs,
  CLUB_CYCLE_TYPES,
  CLUB_EVENEMENT_TYPE_LABELS,
  datesErrors,
  icsCalendar,
  organisationErrors,
  peutGererEvenement,
  peutSInscrire,
  placeInscription,
  placesLiberees,
  typesOrganisables,
  type ClubEvenementStatut,
  type ClubEvenementType,
  type ClubInscriptionStatut,
  type IcsEvenement,
  type OrganisationType,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { likeEscape } from '../core/database/like-escape';
import { AppError } from '../core/errors/app-error';
import { versionConflict } from '../core/errors/version-conflict';
import { todayInFrance } from '../core/time/today';
import { NotificationsService } from '../notifications/notifications.service';
import { calendrierToken, verifyCalendrierToken } from './calendrier-token';
import type {
  CreateEvenementInput,
  EvenementDto,
  EvenementFields,
  EvenementsPageDto,
  EvenementsQuery,
  EvenementSummaryDto,
  InscriptionDto,
  InscriptionsDto,
  MonInscriptionDto,
  OrganisateurDto,
  OrganisationEvenementsPageDto,
  OrganisationEvenementsQuery,
  PresenceInput,
  UpdateEvenementInput,
} from './dto/club.dto';

/** The stored event, as the service reads it under lock. */
interface EvenementRow {
  id: string;
  type: ClubEvenementType;
  parentId: string | null;
  titre: string;
  description: string | null;
  themes: string[];
  dateDebut: string;
  dateFin: string;
  heureDebut: string | null;
  heureFin: string | null;
  organisateurId: string;
  organisateurType: OrganisationType;
  organisateurNom: string;
  departementCode: string | null;
  statut: ClubEvenementStatut;
  capacite: number | null;
  participants: number | null;
  lieu: string | null;
  lien: string | null;
  intervenants: { nom: string; fonction: string | null; pvd: boolean }[];
  enregistrement: string | null;
  supports: { titre: string; url: string }[];
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
}

const EVENEMENT_COLUMNS = `e.id, e.type, e.parent_id AS "parentId", e.titre, e.description, e.themes, e.date_debut::text AS "dateDebut", e.date_fin::text AS "dateFin",
  to_char(e.heure_debut, 'HH24:MI') AS "heureDebut", to_char(e.heure_fin, 'HH24:MI') AS "heureFin", e.organisateur_id AS "organisateurId",
  o.type AS "organisateurType", o.nom AS "organisateurNom", e.departement_code AS "departementCode", e.statut, e.capacite, e.participants,
  e.lieu, e.lien, e.intervenants, e.enregistrement, e.supports, e.version, e.updated_at AS "updatedAt"`;

/** The fields of an event as stored and audited. */
type Fields = Omit<EvenementFields, 'statut'> & { statut: ClubEvenementStatut };

function fieldsOf(input: EvenementFields): Required<Fields> {
  return {
    type: input.type,
    parentId: input.parentId ?? null,
    titre: input.titre.trim(),
    description: input.description?.trim() || null,
    themes: [...new Set(input.themes)],
    dateDebut: input.dateDebut,
    dateFin: input.dateFin,
    heureDebut: input.heureDebut ?? null,
    heureFin: input.heureFin ?? null,
    departementCode: input.departementCode ?? null,
    capacite: input.capacite ?? null,
    participants: input.participants ?? null,
    lieu: input.lieu?.trim() || null,
    lien: input.lien?.trim() || null,
    intervenants: input.intervenants.map((i) => ({ nom: i.nom.trim(), fonction: i.fonction?.trim() || null, pvd: i.pvd })),
    enregistrement: input.enregistrement?.trim() || null,
    supports: input.supports.map((s) => ({ titre: s.titre.trim(), url: s.url.trim() })),
    statut: input.statut,
  };
}

function snapshotOf(row: EvenementRow): Required<Fields> & { organisateurId: string } {
  return {
    type: row.type,
    parentId: row.parentId,
    titre: row.titre,
    description: row.description,
    themes: row.themes as Required<Fields>['themes'],
    dateDebut: row.dateDebut,
    dateFin: row.dateFin,
    heureDebut: row.heureDebut,
    heureFin: row.heureFin,
    departementCode: row.departementCode,
    capacite: row.capacite,
    participants: row.participants,
    lieu: row.lieu,
    lien: row.lien,
    intervenants: row.intervenants,
    enregistrement: row.enregistrement,
    supports: row.supports,
    statut: row.statut,
    organisateurId: row.organisateurId,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The Club's events and registrations (ADR 0016). An event is managed by the members of its stored
 * organiser organisation (and the ANCT); participants see published ones. A registration takes the
 * event's row lock, so seats are counted by one transaction at a time: never more « inscrit » than
 * seats, the others on the waiting list in order; a seat freed moves the first waiting up, notified.
 */
@Injectable()
export class EvenementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  // ─── Reading ─────────────────────────────────────────────────────────────────

  /** The agenda: published events ending on or after `du` (today by default). */
  async agenda(user: CurrentUser, query: EvenementsQuery): Promise<EvenementsPageDto> {
    const where = [`e.statut = 'publie'`, `e.date_fin >= $2`];
    const params: unknown[] = [user.id, query.du ?? todayInFrance()];
    if (query.au) where.push(`e.date_debut <= $${params.push(query.au)}`);
    if (query.type) where.push(`e.type = $${params.push(query.type)}`);
    if (query.theme) where.push(`$${params.push(query.theme)} = ANY(e.themes)`);
    // A département's agenda: its own events and the national ones.
    if (query.departement) where.push(`(e.departement_code = $${params.push(query.departement)} OR e.departement_code IS NULL)`);
    if (query.q) where.push(`e.titre ILIKE $${params.push(`%${likeEscape(query.q.trim())}%`)}`);
    if (query.mesInscriptions) where.push(`mi.statut IN ('inscrit', 'attente')`);
    return this.page(where, params, 'e.date_debut, e.heure_debut NULLS FIRST, e.titre, e.id', query.page, query.pageSize);
  }

  /** The events the user organises (all states); the ANCT sees all. */
  async organisation(user: CurrentUser, query: OrganisationEvenementsQuery): Promise<OrganisationEvenementsPageDto> {
    const organisateurs = clubOrganisateurs(user.memberships);
    const where: string[] = [];
    const params: unknown[] = [user.id];
    if (!organisateurs.some((o) => o.organisationType === 'anct')) where.push(`e.organisateur_id = ANY($${params.push(organisateurs.map((o) => o.organisationId))}::uuid[])`);
    if (query.type) where.push(`e.type = $${params.push(query.type)}`);
    if (query.statut) where.push(`e.statut = $${params.push(query.statut)}`);
    const page = await this.page(where, params, 'e.date_debut DESC, e.titre, e.id', query.page, query.pageSize);
    return { ...page, organisateurs: organisateurs.map((o): OrganisateurDto => ({ ...o, types: [...typesOrganisables(o.organisationType)] })) };
  }

  private async page(where: string[], params: unknown[], order: string, page = 1, pageSize = 50): Promise<EvenementsPageDto> {
    const sql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM club_evenement e JOIN organisation o ON o.id = e.organisateur_id
      LEFT JOIN club_inscription mi ON mi.evenement_id = e.id AND mi.user_id = $1 AND mi.statut <> 'desinscrit'`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${from} ${sql}`, params);
    const rows: (EvenementSummaryDto & { miStatut: ClubInscriptionStatut | null; miPosition: number | null; lien: string | null })[] = await this.dataSource.query(
      `SELECT e.id, e.type, e.titre, e.themes, e.date_debut::text AS "dateDebut", e.date_fin::text AS "dateFin",
              to_char(e.heure_debut, 'HH24:MI') AS "heureDebut", to_char(e.heure_fin, 'HH24:MI') AS "heureFin",
              e.organisateur_id AS "organisateurId", o.nom AS "organisateurNom", e.departement_code AS "departementCode", d.nom AS "departementNom",
              e.statut, e.capacite, e.lieu, e.lien,
              (SELECT count(*)::int FROM club_inscription i WHERE i.evenement_id = e.id AND i.statut = 'inscrit') AS inscrits,
              (SELECT count(*)::int FROM club_inscription i WHERE i.evenement_id = e.id AND i.statut = 'attente') AS "enAttente",
              mi.statut AS "miStatut", mi.position AS "miPosition"
         ${from} LEFT JOIN departement d ON d.code = e.departement_code
         ${sql} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return {
      items: rows.map(({ miStatut, miPosition, lien, ...r }) => ({ ...r, enLigne: lien !== null, monInscription: miStatut ? { statut: miStatut, position: miPosition } : null })),
      total,
      page,
      pageSize,
    };
  }

  async get(user: CurrentUser, id: string): Promise<EvenementDto> {
    const row = await this.load(this.dataSource.manager, id);
    const gere = row ? peutGererEvenement(user.memberships, row.organisateurId) : false;
    if (!row || (row.statut === 'brouillon' && !gere)) throw notFound();
    const [extra] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM club_inscription i WHERE i.evenement_id = $1 AND i.statut = 'inscrit') AS inscrits,
              (SELECT count(*)::int FROM club_inscription i WHERE i.evenement_id = $1 AND i.statut = 'attente') AS "enAttente",
              (SELECT nom FROM departement WHERE code = $3) AS "departementNom",
              (SELECT titre FROM club_evenement WHERE id = $4) AS "parentTitre",
              (SELECT json_build_object('statut', statut, 'position', position) FROM club_inscription WHERE evenement_id = $1 AND user_id = $2 AND statut <> 'desinscrit') AS mine`,
      [id, user.id, row.departementCode, row.parentId],
    );
    const seances: EvenementDto['seances'] = await this.dataSource.query(
      `SELECT id, titre, date_debut::text AS "dateDebut", to_char(heure_debut, 'HH24:MI') AS "heureDebut", statut
         FROM club_evenement WHERE parent_id = $1 AND (statut <> 'brouillon' OR $2) ORDER BY date_debut, heure_debut NULLS FIRST, titre`,
      [id, gere],
    );
    const mine = extra.mine as MonInscriptionDto | null;
    return {
      id: row.id,
      type: row.type,
      titre: row.titre,
      themes: row.themes as EvenementDto['themes'],
      dateDebut: row.dateDebut,
      dateFin: row.dateFin,
      heureDebut: row.heureDebut,
      heureFin: row.heureFin,
      organisateurId: row.organisateurId,
      organisateurNom: row.organisateurNom,
      departementCode: row.departementCode,
      departementNom: extra.departementNom,
      statut: row.statut,
      capacite: row.capacite,
      inscrits: extra.inscrits,
      enAttente: extra.enAttente,
      lieu: row.lieu,
      enLigne: row.lien !== null,
      monInscription: mine,
      parentId: row.parentId,
      parentTitre: extra.parentTitre,
      description: row.description,
      // The connection link is for those who have a seat, and the organisers.
      lien: gere || mine?.statut === 'inscrit' ? row.lien : null,
      intervenants: row.intervenants,
      enregistrement: row.enregistrement,
      supports: row.supports,
      participants: row.participants,
      seances,
      peutGerer: gere,
      peutSInscrire: peutSInscrire(user.memberships) && row.statut === 'publie' && row.dateFin >= todayInFrance(),
      version: row.version,
      modifieLe: new Date(row.updatedAt).toISOString(),
    };
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<EvenementRow | null> {
    const [row] = await em.query(
      `SELECT ${EVENEMENT_COLUMNS}, u.display_name AS "updatedByName"
         FROM club_evenement e JOIN organisation o ON o.id = e.organisateur_id LEFT JOIN app_user u ON u.id = e.updated_by
        WHERE e.id = $1 ${lock ? 'FOR UPDATE OF e' : ''}`,
      [id],
    );
    return row ?? null;
  }

  /** The stored event, for its organiser (and the ANCT): 404 when one may not see it, 403 when one sees it without organising it. */
  private async requireGestion(em: EntityManager, user: CurrentUser, id: string, lock = false): Promise<EvenementRow> {
    const row = await this.load(em, id, lock);
    if (!row) throw notFound();
    if (!peutGererEvenement(user.memberships, row.organisateurId)) {
      if (row.statut === 'brouillon') throw notFound();
      throw new AppError('EVENEMENT_NOT_YOURS', 'Seul l’organisateur de cet événement peut le modifier.');
    }
    return row;
  }

  // ─── Organising ──────────────────────────────────────────────────────────────

  async create(user: CurrentUser, actor: Actor, input: CreateEvenementInput): Promise<EvenementDto> {
    const organisateurs = clubOrganisateurs(user.memberships);
    const organisateur = input.organisateurId ? organisateurs.find((o) => o.organisationId === input.organisateurId) : organisateurs.length === 1 ? organisateurs[0] : undefined;
    if (!organisateur) {
      throw new AppError('VALIDATION_FAILED', 'Choisissez l’organisation organisatrice.', { organisateurId: ['Choisissez l’une de vos organisations.'] });
    }
    const fields = fieldsOf(input);
    const id = await this.dataSource.transaction(async (em) => {
      await this.check(em, user, organisateur, fields, null);
      const [row] = await em.query(
        `INSERT INTO club_evenement (type, parent_id, titre, description, themes, date_debut, date_fin, heure_debut, heure_fin, departement_code, capacite, participants,
                                     lieu, lien, intervenants, enregistrement, supports, statut, organisateur_id, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id`,
        [...this.values(fields), organisateur.organisationId, user.id],
      );
      await this.audit.record(em, actor, {
        action: 'club_evenement.cree',
        entityType: 'club_evenement',
        entityId: row.id,
        before: null,
        after: { ...fields, organisateurId: organisateur.organisationId },
      });
      return row.id as string;
    });
    return this.get(user, id);
  }

  async update(user: CurrentUser, actor: Actor, id: string, input: UpdateEvenementInput): Promise<EvenementDto> {
    await this.dataSource.transaction(async (em) => {
      const current = await this.requireGestion(em, user, id, true);
      if (current.version !== input.version) throw versionConflict({ text: 'Cet événement', feminine: false }, current.updatedByName, current.updatedAt);
      if (current.statut === 'annule') throw new AppError('EVENEMENT_ANNULE', 'Cet événement est annulé : il ne peut plus être modifié.');
      const next = fieldsOf(input);
      // The rules are the stored organiser's: the ANCT editing a préfecture's club keeps it a club of that département.
      await this.check(em, user, { organisationType: current.organisateurType, departementCode: await this.prefectureDepartement(em, current.organisateurId) }, next, id);
      if (current.statut === 'publie' && next.statut === 'brouillon') {
        throw new AppError('VALIDATION_FAILED', 'Un événement publié ne redevient pas brouillon : annulez-le si besoin.', { statut: ['Un événement publié reste publié.'] });
      }
      const [{ inscrits }] = await em.query(`SELECT count(*)::int AS inscrits FROM club_inscription WHERE evenement_id = $1 AND statut = 'inscrit'`, [id]);
      if (next.capacite !== null && next.capacite < inscrits) {
        throw new AppError('VALIDATION_FAILED', 'Il y a plus d’inscrits que de places.', { capacite: [`Au moins ${inscrits} places : ${inscrits} personnes sont inscrites.`] });
      }
      const before = snapshotOf(current);
      if (same({ ...before, organisateurId: undefined }, { ...next, organisateurId: undefined })) return;
      await em.query(
        `UPDATE club_evenement SET type = $1, parent_id = $2, titre = $3, description = $4, themes = $5, date_debut = $6, date_fin = $7, heure_debut = $8, heure_fin = $9,
                departement_code = $10, capacite = $11, participants = $12, lieu = $13, lien = $14, intervenants = $15, enregistrement = $16, supports = $17, statut = $18,
                updated_by = $20, updated_at = now(), version = version + 1
          WHERE id = $19`,
        [...this.values(next), id, user.id],
      );
      await this.audit.record(em, actor, { action: 'club_evenement.modifie', entityType: 'club_evenement', entityId: id, before, after: { ...next, organisateurId: current.organisateurId } });
      // More seats: the first waiting move up.
      await this.promote(em, actor, { ...current, capacite: next.capacite, titre: next.titre });
    });
    return this.get(user, id);
  }

  async cancel(user: CurrentUser, actor: Actor, id: string, version: number): Promise<EvenementDto> {
    await this.dataSource.transaction(async (em) => {
      const current = await this.requireGestion(em, user, id, true);
      if (current.version !== version) throw versionConflict({ text: 'Cet événement', feminine: false }, current.updatedByName, current.updatedAt);
      if (current.statut === 'annule') return;
      await em.query(`UPDATE club_evenement SET statut = 'annule', updated_by = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, user.id]);
      await this.audit.record(em, actor, { action: 'club_evenement.annule', entityType: 'club_evenement', entityId: id, before: { statut: current.statut }, after: { statut: 'annule' } });
      const registered: { user_id: string }[] = await em.query(`SELECT user_id FROM club_inscription WHERE evenement_id = $1 AND statut IN ('inscrit', 'attente')`, [id]);
      await this.notifications.record(em, {
        kind: 'club_evenement_annule',
        recipientIds: registered.map((r) => r.user_id),
        actorId: actor.id,
        item: { type: 'club_evenement', id, label: current.titre, path: `/club/evenements/${id}` },
        dossierId: null,
        title: `Événement annulé : ${current.titre}`,
        body: `${CLUB_EVENEMENT_TYPE_LABELS[current.type]} du ${frenchDays(current)}, organisé par ${current.organisateurNom}, est annulé.`,
      });
    });
    return this.get(user, id);
  }

  private async prefectureDepartement(em: EntityManager, organisationId: string): Promise<string | null> {
    const [row] = await em.query(`SELECT type, departement_code FROM organisation WHERE id = $1`, [organisationId]);
    return row?.type === 'prefecture' ? row.departement_code : null;
  }

  private async check(em: EntityManager, user: CurrentUser, organisateur: { organisationType: OrganisationType; departementCode: string | null }, f: Required<Fields>, selfId: string | null) {
    const errors: Record<string, string[]> = { ...organisationErrors(organisateur, f), ...datesErrors(f) };
    if (f.departementCode) {
      const [d] = await em.query('SELECT 1 FROM departement WHERE code = $1', [f.departementCode]);
      if (!d) errors.departementCode = ['Département inconnu.'];
    }
    if (f.parentId) {
      const [parent] = await em.query(`SELECT type, organisateur_id FROM club_evenement WHERE id = $1`, [f.parentId]);
      if (!parent || f.parentId === selfId || !(CLUB_CYCLE_TYPES as readonly string[]).includes(parent.type) || !peutGererEvenement(user.memberships, parent.organisateur_id)) {
        errors.parentId = ['Choisissez l’une de vos saisons ou semaines thématiques.'];
      } else if ((CLUB_CYCLE_TYPES as readonly string[]).includes(f.type)) {
        errors.type = ['Une séance n’est pas elle-même une saison ou une semaine.'];
      }
    }
    if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', 'L’événement ne peut pas être enregistré : vérifiez les champs signalés.', errors);
  }

  private values(f: Required<Fields>): unknown[] {
    return [
      f.type,
      f.parentId,
      f.titre,
      f.description,
      f.themes,
      f.dateDebut,
      f.dateFin,
      f.heureDebut,
      f.heureFin,
      f.departementCode,
      f.capacite,
      f.participants,
      f.lieu,
      f.lien,
      JSON.stringify(f.intervenants),
      f.enregistrement,
      JSON.stringify(f.supports),
      f.statut,
    ];
  }

  // ─── Registering ─────────────────────────────────────────────────────────────

  /**
   * Registers the user: a seat if one is left, else the end of the waiting list. The event's row is
   * locked first (`FOR UPDATE`), so concurrent sign-ups for the last seat are counted one at a time.
   */
  async register(user: CurrentUser, actor: Actor, id: string): Promise<MonInscriptionDto> {
    return this.dataSource.transaction(async (em) => {
      const event = await this.load(em, id, true);
      if (!event || event.statut === 'brouillon') throw notFound();
      if (event.statut === 'annule') throw new AppError('EVENEMENT_ANNULE', 'Cet événement est annulé.');
      if (event.dateFin < todayInFrance()) throw new AppError('EVENEMENT_FERME', 'Cet événement est passé : les inscriptions sont closes.');
      const [existing] = await em.query(`SELECT statut, position FROM club_inscription WHERE evenement_id = $1 AND user_id = $2`, [id, user.id]);
      if (existing && existing.statut !== 'desinscrit') return { statut: existing.statut, position: existing.position };
      const [{ inscrits, dernier }] = await em.query(
        `SELECT count(*) FILTER (WHERE statut = 'inscrit')::int AS inscrits, COALESCE(max(position), 0)::int AS dernier FROM club_inscription WHERE evenement_id = $1`,
        [id],
      );
      const statut = placeInscription(inscrits, event.capacite);
      const position = statut === 'attente' ? dernier + 1 : null;
      await em.query(
        `INSERT INTO club_inscription (evenement_id, user_id, statut, position) VALUES ($1, $2, $3, $4)
         ON CONFLICT (evenement_id, user_id) DO UPDATE SET statut = EXCLUDED.statut, position = EXCLUDED.position, presence = NULL, updated_at = now(), version = club_inscription.version + 1`,
        [id, user.id, statut, position],
      );
      await this.auditInscription(em, actor, `club_inscription.${statut}`, event, user.id, existing ? { statut: existing.statut, position: null } : null, { statut, position });
      return { statut, position };
    });
  }

  /** Unregisters the user; a freed seat goes to the first waiting, who is notified. */
  async unregister(user: CurrentUser, actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const event = await this.load(em, id, true);
      if (!event || event.statut === 'brouillon') throw notFound();
      const [existing] = await em.query(`SELECT id, statut, position FROM club_inscription WHERE evenement_id = $1 AND user_id = $2 AND statut <> 'desinscrit'`, [id, user.id]);
      if (!existing) throw new AppError('INSCRIPTION_NOT_FOUND', 'Vous n’êtes pas inscrit à cet événement.');
      await em.query(`UPDATE club_inscription SET statut = 'desinscrit', position = NULL, updated_at = now(), version = version + 1 WHERE id = $1`, [existing.id]);
      if (existing.statut === 'attente') {
        await em.query(`UPDATE club_inscription SET position = position - 1 WHERE evenement_id = $1 AND statut = 'attente' AND position > $2`, [id, existing.position]);
      }
      await this.auditInscription(em, actor, 'club_inscription.desinscrit', event, user.id, { statut: existing.statut, position: existing.position }, { statut: 'desinscrit', position: null });
      if (existing.statut === 'inscrit' && event.statut === 'publie') await this.promote(em, actor, event);
    });
  }

  /** Gives the free seats to the first waiting, in order, renumbers the rest, notifies those moved up. In the caller's transaction, under the event's lock. */
  private async promote(em: EntityManager, actor: Actor, event: Pick<EvenementRow, 'id' | 'titre' | 'capacite' | 'type' | 'dateDebut' | 'dateFin' | 'heureDebut' | 'heureFin'>): Promise<void> {
    const [{ inscrits, attente }] = await em.query(
      `SELECT count(*) FILTER (WHERE statut = 'inscrit')::int AS inscrits, count(*) FILTER (WHERE statut = 'attente')::int AS attente FROM club_inscription WHERE evenement_id = $1`,
      [event.id],
    );
    const n = placesLiberees(inscrits, event.capacite, attente);
    if (n === 0) return;
    const promoted: { user_id: string }[] = await em.query(
      // A CTE, so the driver answers the rows (an UPDATE alone answers [rows, count]).
      `WITH promus AS (
         UPDATE club_inscription SET statut = 'inscrit', position = NULL, updated_at = now(), version = version + 1
          WHERE id IN (SELECT id FROM club_inscription WHERE evenement_id = $1 AND statut = 'attente' ORDER BY position LIMIT $2)
          RETURNING user_id)
       SELECT user_id FROM promus`,
      [event.id, n],
    );
    await em.query(`UPDATE club_inscription SET position = position - $2 WHERE evenement_id = $1 AND statut = 'attente'`, [event.id, n]);
    for (const p of promoted) {
      await this.auditInscription(em, actor, 'club_inscription.promue', event, p.user_id, { statut: 'attente' }, { statut: 'inscrit', position: null });
    }
    await this.notifications.record(em, {
      kind: 'club_inscription_confirmee',
      recipientIds: promoted.map((p) => p.user_id),
      actorId: null,
      item: { type: 'club_evenement', id: event.id, label: event.titre, path: `/club/evenements/${event.id}` },
      dossierId: null,
      title: `Une place s’est libérée : vous êtes inscrit à « ${event.titre} »`,
      body: `${CLUB_EVENEMENT_TYPE_LABELS[event.type]} du ${frenchDays(event)}. Si vous ne pouvez plus venir, désinscrivez-vous pour laisser la place.`,
    });
  }

  private async auditInscription(em: EntityManager, actor: Actor, action: string, event: Pick<EvenementRow, 'id' | 'titre'>, userId: string, before: object | null, after: object) {
    const [u] = await em.query('SELECT display_name FROM app_user WHERE id = $1', [userId]);
    const common = { evenementId: event.id, evenement: event.titre, userId, personne: u?.display_name ?? '' };
    await this.audit.record(em, actor, {
      action,
      entityType: 'club_inscription',
      entityId: `${event.id}:${userId}`,
      before: before ? { ...common, ...before } : null,
      after: { ...common, ...after },
    });
  }

  // ─── The organiser's list ────────────────────────────────────────────────────

  async inscriptions(user: CurrentUser, id: string): Promise<InscriptionsDto> {
    await this.requireGestion(this.dataSource.manager, user, id);
    const items: InscriptionDto[] = await this.dataSource.query(
      `SELECT i.id, i.user_id AS "userId", u.display_name AS nom, u.email,
              COALESCE((SELECT string_agg(DISTINCT o.nom, ', ') FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = u.id), '') AS organisation,
              i.statut, i.position, i.presence, i.created_at AS "inscritLe", i.version
         FROM club_inscription i JOIN app_user u ON u.id = i.user_id
        WHERE i.evenement_id = $1
        ORDER BY CASE i.statut WHEN 'inscrit' THEN 0 WHEN 'attente' THEN 1 ELSE 2 END, i.position NULLS FIRST, u.display_name, i.id`,
      [id],
    );
    return {
      items: items.map((i) => ({ ...i, inscritLe: new Date(i.inscritLe).toISOString() })),
      inscrits: items.filter((i) => i.statut === 'inscrit').length,
      enAttente: items.filter((i) => i.statut === 'attente').length,
      presents: items.filter((i) => i.presence === true).length,
    };
  }

  async setPresence(user: CurrentUser, actor: Actor, id: string, inscriptionId: string, input: PresenceInput): Promise<InscriptionDto> {
    await this.dataSource.transaction(async (em) => {
      const event = await this.requireGestion(em, user, id);
      const [row] = await em.query(
        `SELECT i.user_id, i.presence, i.version, i.statut, i.updated_at FROM club_inscription i WHERE i.id = $1 AND i.evenement_id = $2 FOR UPDATE`,
        [inscriptionId, id],
      );
      if (!row) throw new AppError('INSCRIPTION_NOT_FOUND', 'Inscription introuvable.');
      if (row.version !== input.version) throw versionConflict({ text: 'Cette inscription', feminine: true }, null, row.updated_at);
      const presence = input.presence ?? null;
      if (row.presence === presence) return;
      await em.query(`UPDATE club_inscription SET presence = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [inscriptionId, presence]);
      await this.auditInscription(em, actor, 'club_inscription.presence', event, row.user_id, { presence: row.presence }, { presence });
    });
    const list = await this.inscriptions(user, id);
    const found = list.items.find((i) => i.id === inscriptionId);
    if (!found) throw new AppError('INSCRIPTION_NOT_FOUND', 'Inscription introuvable.');
    return found;
  }

  // ─── Calendars ───────────────────────────────────────────────────────────────

  async ics(user: CurrentUser, id: string): Promise<{ nom: string; text: string }> {
    const event = await this.get(user, id);
    // The connection link only for those who have it on the page (a seat, the organisers).
    const text = icsCalendar(event.titre, [this.icsOf({ ...event, updatedAt: new Date(event.modifieLe) })]);
    return { nom: event.titre, text };
  }

  private icsOf(e: { id: string; titre: string; description: string | null; dateDebut: string; dateFin: string; heureDebut: string | null; heureFin: string | null; lieu: string | null; lien: string | null; statut: ClubEvenementStatut; updatedAt: Date; version: number }): IcsEvenement {
    return {
      id: e.id,
      titre: e.titre,
      description: e.description,
      dateDebut: e.dateDebut,
      dateFin: e.dateFin,
      heureDebut: e.heureDebut,
      heureFin: e.heureFin,
      lieu: e.lieu,
      lien: e.lien,
      statut: e.statut,
      modifieLe: new Date(e.updatedAt),
      version: e.version,
      url: `${this.config.publicUrl}/club/evenements/${e.id}`,
    };
  }

  /** The address of the user's calendar feed (created at the first call). */
  async calendrierUrl(user: CurrentUser): Promise<{ url: string }> {
    await this.dataSource.query(`INSERT INTO club_calendrier (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`, [user.id]);
    const [row] = await this.dataSource.query(`SELECT generation FROM club_calendrier WHERE user_id = $1`, [user.id]);
    return { url: this.feedUrl(user.id, row.generation) };
  }

  /** A new address: the former one stops working. */
  async regenerer(user: CurrentUser, actor: Actor): Promise<{ url: string }> {
    const generation = await this.dataSource.transaction(async (em) => {
      const [row] = await em.query(
        `INSERT INTO club_calendrier (user_id, generation) VALUES ($1, 2) ON CONFLICT (user_id) DO UPDATE SET generation = club_calendrier.generation + 1, updated_at = now() RETURNING generation`,
        [user.id],
      );
      await this.audit.record(em, actor, { action: 'club_calendrier.renouvele', entityType: 'club_calendrier', entityId: user.id, before: { generation: row.generation - 1 }, after: { generation: row.generation } });
      return row.generation as number;
    });
    return { url: this.feedUrl(user.id, generation) };
  }

  /** No address any more: the current one stops working (a later call to `calendrierUrl` makes a new one). */
  async revoquer(user: CurrentUser, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      // The generation is kept, moved on, so the revoked address never works again.
      const [row] = await em.query(
        `INSERT INTO club_calendrier (user_id, generation) VALUES ($1, 2) ON CONFLICT (user_id) DO UPDATE SET generation = club_calendrier.generation + 1, updated_at = now() RETURNING generation`,
        [user.id],
      );
      await this.audit.record(em, actor, { action: 'club_calendrier.revoque', entityType: 'club_calendrier', entityId: user.id, before: { generation: row.generation - 1 }, after: { generation: row.generation } });
    });
  }

  private feedUrl(userId: string, generation: number): string {
    return `${this.config.publicUrl}/api/club/calendrier/${calendrierToken(this.config.linkSecret, userId, generation)}.ics`;
  }

  /** The feed behind a signed address: the person's registrations (seat or waiting list), from a year back. */
  async feed(fichier: string): Promise<string> {
    const token = fichier.endsWith('.ics') ? fichier.slice(0, -4) : '';
    const verified = verifyCalendrierToken(this.config.linkSecret, token);
    const invalid = new AppError('CALENDRIER_LIEN_INVALIDE', 'Cette adresse d’agenda n’est pas (ou plus) valide : copiez la nouvelle depuis l’agenda du Club.');
    if (!verified) throw invalid;
    const [row] = await this.dataSource.query(
      `SELECT c.generation FROM club_calendrier c JOIN app_user u ON u.id = c.user_id WHERE c.user_id = $1 AND u.active`,
      [verified.userId],
    );
    if (!row || row.generation !== verified.generation) throw invalid;
    const events: (EvenementRow & { inscription: ClubInscriptionStatut })[] = await this.dataSource.query(
      `SELECT ${EVENEMENT_COLUMNS}, i.statut AS inscription
         FROM club_inscription i JOIN club_evenement e ON e.id = i.evenement_id JOIN organisation o ON o.id = e.organisateur_id
        WHERE i.user_id = $1 AND i.statut IN ('inscrit', 'attente') AND e.statut IN ('publie', 'annule') AND e.date_fin >= $2
        ORDER BY e.date_debut, e.id LIMIT 1000`,
      [verified.userId, addYearsIso(todayInFrance(), -1)],
    );
    return icsCalendar(
      'Club Petites villes de demain',
      events.map((e) =>
        this.icsOf({
          ...e,
          // On the waiting list: in the diary, marked as such, without the connection link.
          titre: e.inscription === 'attente' ? `[Liste d’attente] ${e.titre}` : e.titre,
          lien: e.inscription === 'inscrit' ? e.lien : null,
        }),
      ),
    );
  }
}

function notFound(): AppError {
  return new AppError('EVENEMENT_NOT_FOUND', 'Événement introuvable.');
}

function frenchDays(e: Pick<EvenementRow, 'dateDebut' | 'dateFin' | 'heureDebut'>): string {
  const fmt = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const days = e.dateDebut === e.dateFin ? fmt(e.dateDebut) : `${fmt(e.dateDebut)} au ${fmt(e.dateFin)}`;
  return e.heureDebut ? `${days} à ${e.heureDebut.replace(':', ' h ')}` : days;
}
