import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  canOn,
  classePopulation,
  contactEmailErreur,
  contactTelephoneErreur,
  ficheActionsPossibles,
  ficheDates,
  ficheManques,
  ficheModifiable,
  ficheSupprimable,
  ficheTransition,
  isFichePhotoType,
  scopesFor,
  CLASSE_POPULATION_BORNES,
  FICHE_LIMITES,
  FICHE_STATUT_LABELS,
  type FicheAction,
  type FicheActeur,
  type FicheStatut,
  type FicheTheme,
  type Territory,
} from '@suivi-pvd/domain';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../../core/audit/audit.service';
import type { CurrentUser } from '../../core/auth/current-user';
import { AppError } from '../../core/errors/app-error';
import { versionConflict } from '../../core/errors/version-conflict';
import { todayInFrance } from '../../core/time/today';
import { personLabel, pvdTerritory, requirePvdAccess } from '../../dossiers/pvd-access';
import { DocumentsService } from '../../documents/documents.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { pvdScopeCondition } from '../../organisations/scope-sql';
import type {
  CreateFicheInput,
  FicheCommentaireDto,
  FicheDto,
  FicheFieldsInput,
  FichePhotoDto,
  FichePvdDto,
  FichesPageDto,
  PublicFicheCarteDto,
  PublicFicheDto,
  PublicFichesPageDto,
  PublicFichesQuery,
  UpdateFicheInput,
} from './dto/fiche.dto';

type Db = DataSource | EntityManager;

const FICHE_NOT_FOUND = { code: 'FICHE_NOT_FOUND' as const, message: 'Fiche-projet introuvable.' };
const notFound = () => new AppError(FICHE_NOT_FOUND.code, FICHE_NOT_FOUND.message);
const PHOTO_NOT_FOUND = () => new AppError('FICHE_PHOTO_NOT_FOUND', 'Photo introuvable.');
const PAGE_SIZE = 20;
const PUBLIC_PAGE_SIZE = 12;

interface FicheRow {
  id: string;
  pvd_id: string;
  titre: string;
  themes: FicheTheme[];
  resume: string | null;
  resultats: string | null;
  budget_total: string | null;
  financements: { financeur: string; montant: number }[];
  partenaires: string[];
  contact_fonction: string | null;
  contact_organisation: string | null;
  contact_email: string | null;
  contact_telephone: string | null;
  statut: FicheStatut;
  publiee_le: string | null;
  depubliee_le: string | null;
  soumise_le: Date | null;
  created_by: string | null;
  soumise_par: string | null;
  version: number;
  updated_at: Date;
  // The PVD, as the public reads it.
  id_pvd: string;
  pvd_nom: string;
  population: number | null;
  region_code: string | null;
  region_nom: string | null;
  departement_nom: string | null;
}

/** The PVD of a sheet (alias `f`): its name (its communes, the largest first), population, main région and département. */
const FICHE_SELECT = `
  SELECT f.id, f.pvd_id, f.titre, f.themes, f.resume, f.resultats, f.budget_total, f.financements, f.partenaires,
         f.contact_fonction, f.contact_organisation, f.contact_email, f.contact_telephone, f.statut,
         to_char(f.publiee_le, 'YYYY-MM-DD') AS publiee_le, to_char(f.depubliee_le, 'YYYY-MM-DD') AS depubliee_le,
         f.soumise_le, f.created_by, f.soumise_par, f.version, f.updated_at,
         pv.id_pvd, COALESCE(info.nom, 'PVD ' || pv.id_pvd) AS pvd_nom, info.population, info.region_code, r.nom AS region_nom, d.nom AS departement_nom
    FROM fiche_projet f
    JOIN pvd pv ON pv.id = f.pvd_id
    LEFT JOIN LATERAL (
      SELECT string_agg(c.nom, ' – ' ORDER BY c.population DESC NULLS LAST, c.insee) AS nom,
             sum(c.population)::int AS population,
             (array_agg(c.region_code ORDER BY c.population DESC NULLS LAST, c.insee))[1] AS region_code,
             (array_agg(c.departement_code ORDER BY c.population DESC NULLS LAST, c.insee))[1] AS departement_code
        FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = f.pvd_id
    ) info ON TRUE
    LEFT JOIN region r ON r.code = info.region_code
    LEFT JOIN departement d ON d.code = info.departement_code`;

function trimOrNull(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

/**
 * The projetothèque: the chef de projet of a PVD writes its project sheets, the ANCT reviews
 * (comments, asks for changes) and publishes them; published sheets are public, their review never.
 * Access is judged on the sheet's stored PVD, never on ids from the request.
 */
@Injectable()
export class FichesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  // ─── Private side (chefs de projet and the ANCT) ────────────────────────────

  /** The sheets the caller writes (their PVDs') or reviews (the ANCT: every submitted one), newest first. */
  async list(user: CurrentUser, query: { statut?: FicheStatut; page?: number }): Promise<FichesPageDto> {
    const page = query.page ?? 1;
    const relecteur = scopesFor(user.memberships, 'fiche:publier').length > 0;
    const scope = pvdScopeCondition(scopesFor(user.memberships, 'fiche:rediger'), 1);
    const params: unknown[] = [...scope.params];
    // The ANCT reads every sheet once submitted; the chefs, their PVDs' ones.
    const readable = relecteur ? `(f.soumise_le IS NOT NULL OR ${scope.sql})` : scope.sql;
    let where = `${readable}`;
    if (query.statut) {
      params.push(query.statut);
      where += ` AND f.statut = $${params.length}`;
    }
    const rows: FicheRow[] = await this.dataSource.query(
      `${FICHE_SELECT} JOIN pvd p ON p.id = f.pvd_id WHERE ${where}
        ORDER BY f.soumise_le DESC NULLS LAST, f.updated_at DESC, f.id LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`,
      params,
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM fiche_projet f JOIN pvd p ON p.id = f.pvd_id WHERE ${where}`, params);
    const pvds: { id: string; nom: string }[] = await this.dataSource.query(
      `SELECT p.id, COALESCE((SELECT string_agg(c.nom, ' – ' ORDER BY c.population DESC NULLS LAST, c.insee) FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = p.id), 'PVD ' || p.id_pvd) AS nom
         FROM pvd p WHERE ${scope.sql} AND p.date_retrait IS NULL ORDER BY nom LIMIT 50`,
      scope.params,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        titre: r.titre,
        statut: r.statut,
        themes: r.themes,
        pvdId: r.pvd_id,
        pvdNom: r.pvd_nom,
        soumiseLe: r.soumise_le ? new Date(r.soumise_le).toISOString() : null,
        publieeLe: r.publiee_le,
        modifieeLe: new Date(r.updated_at).toISOString(),
      })),
      total,
      page,
      pageSize: PAGE_SIZE,
      relecteur,
      pvdsRedigeables: pvds,
    };
  }

  async get(user: CurrentUser, id: string): Promise<FicheDto> {
    const { row, acteurs } = await this.readFiche(this.dataSource, user, id);
    return this.toDto(this.dataSource, row, acteurs);
  }

  /** A new draft sheet of a PVD, by its chef de projet. */
  async create(user: CurrentUser, actor: Actor, input: CreateFicheInput): Promise<FicheDto> {
    const access = await requirePvdAccess(this.dataSource, user, input.pvdId, 'fiche:rediger');
    const fields = await this.checkFields(this.dataSource, input);
    const id = await this.dataSource.transaction(async (em) => {
      const [row] = await em.query(
        `INSERT INTO fiche_projet (pvd_id, titre, themes, resume, resultats, budget_total, financements, partenaires, contact_fonction, contact_organisation, contact_email, contact_telephone, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [access.pvdId, fields.titre, fields.themes, fields.resume, fields.resultats, fields.budgetTotal, JSON.stringify(fields.financements), fields.partenaires, fields.contactFonction, fields.contactOrganisation, fields.contactEmail, fields.contactTelephone, user.id],
      );
      await this.audit.record(em, actor, { action: 'fiche.creee', entityType: 'fiche_projet', entityId: row.id, pvdId: access.pvdId, before: null, after: { ...fields, statut: 'brouillon' } });
      return row.id as string;
    });
    return this.get(user, id);
  }

  /** The chef replaces the text of their sheet (a draft, a sheet to modify, or an unpublished one); 409 on a stale version. */
  async update(user: CurrentUser, actor: Actor, id: string, input: UpdateFicheInput): Promise<FicheDto> {
    const fields = await this.checkFields(this.dataSource, input);
    await this.dataSource.transaction(async (em) => {
      const { row } = await this.lockForRedacteur(em, user, id, input.version);
      this.requireModifiable(row.statut);
      await em.query(
        `UPDATE fiche_projet SET titre = $2, themes = $3, resume = $4, resultats = $5, budget_total = $6, financements = $7::jsonb, partenaires = $8,
                contact_fonction = $9, contact_organisation = $10, contact_email = $11, contact_telephone = $12, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, fields.titre, fields.themes, fields.resume, fields.resultats, fields.budgetTotal, JSON.stringify(fields.financements), fields.partenaires, fields.contactFonction, fields.contactOrganisation, fields.contactEmail, fields.contactTelephone],
      );
      await this.audit.record(em, actor, { action: 'fiche.modifiee', entityType: 'fiche_projet', entityId: id, pvdId: row.pvd_id, before: this.fieldsOf(row), after: fields });
    });
    return this.get(user, id);
  }

  /** The chef deletes a draft never submitted. */
  async remove(user: CurrentUser, actor: Actor, id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const { row } = await this.lockForRedacteur(em, user, id, version);
      if (!ficheSupprimable(row.statut, row.publiee_le) || row.soumise_le) {
        throw new AppError('FICHE_NOT_EDITABLE', 'Seul un brouillon jamais soumis se supprime ; une fiche publiée se dépublie.');
      }
      await em.query('DELETE FROM fiche_projet WHERE id = $1', [id]);
      await this.audit.record(em, actor, { action: 'fiche.supprimee', entityType: 'fiche_projet', entityId: id, pvdId: row.pvd_id, before: { ...this.fieldsOf(row), statut: row.statut }, after: null });
    });
  }

  /**
   * A step of the workflow: the chef submits (complete sheets only) or unpublishes; the ANCT asks
   * for changes (with a comment), publishes or unpublishes. Publication days are Paris calendar days.
   */
  async transition(user: CurrentUser, actor: Actor, id: string, action: FicheAction, version: number, commentaire?: string): Promise<FicheDto> {
    await this.dataSource.transaction(async (em) => {
      const { row, acteurs, territory } = await this.readFiche(em, user, id, true);
      if (row.version !== version) throw versionConflict({ text: 'Cette fiche', feminine: true }, null, row.updated_at);
      const t = ficheTransition(row.statut, action, acteurs);
      if (!t.ok) {
        const onlyRole = !ficheActionsPossibles(row.statut, ['redacteur', 'relecteur']).includes(action);
        if (onlyRole) throw new AppError('FICHE_TRANSITION_REFUSED', t.raison);
        throw new AppError('FORBIDDEN', t.raison);
      }
      if (action === 'soumettre') {
        const photos = await this.photosOf(em, id, false);
        const manques = ficheManques({ ...this.contentOf(row), photos });
        if (Object.keys(manques).length > 0) {
          throw new AppError('FICHE_INCOMPLETE', `La fiche n’est pas complète : ${Object.values(manques).join(' ')}`, Object.fromEntries(Object.entries(manques).map(([k, v]) => [k, [v]])));
        }
      }
      const dates = ficheDates({ publieeLe: row.publiee_le, depublieeLe: row.depubliee_le }, t.statut, todayInFrance());
      await em.query(
        `UPDATE fiche_projet SET statut = $2, publiee_le = $3, depubliee_le = $4,
                soumise_le = CASE WHEN $5 THEN now() ELSE soumise_le END, soumise_par = CASE WHEN $5 THEN $6::uuid ELSE soumise_par END,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, t.statut, dates.publieeLe, dates.depublieeLe, action === 'soumettre', user.id],
      );
      const label = personLabel(user, territory);
      let texte: string | null = null;
      if (action === 'demander_modifications') {
        texte = (commentaire ?? '').trim();
        if (!texte) throw new AppError('FICHE_INVALID', 'Dites ce qu’il faut modifier.', { commentaire: ['Dites ce qu’il faut modifier.'] });
        await em.query(`INSERT INTO fiche_projet_commentaire (fiche_id, auteur_id, auteur_label, nature, texte) VALUES ($1, $2, $3, 'demande_modifications', $4)`, [id, user.id, label, texte]);
      }
      await this.audit.record(em, actor, {
        action: `fiche.${action}`,
        entityType: 'fiche_projet',
        entityId: id,
        pvdId: row.pvd_id,
        before: { titre: row.titre, statut: row.statut, publieeLe: row.publiee_le, depublieeLe: row.depubliee_le },
        after: { titre: row.titre, statut: t.statut, ...dates, ...(texte ? { commentaire: texte } : {}) },
      });
      await this.notify(em, user, row, action, texte);
    });
    return this.get(user, id);
  }

  /** A review comment by the ANCT or the chef (private to them). */
  async comment(user: CurrentUser, actor: Actor, id: string, texte: string): Promise<FicheDto> {
    const clean = texte.trim();
    if (!clean) throw new AppError('FICHE_INVALID', 'Écrivez un commentaire.', { texte: ['Écrivez un commentaire.'] });
    await this.dataSource.transaction(async (em) => {
      const { row, territory, acteurs } = await this.readFiche(em, user, id);
      await em.query(`INSERT INTO fiche_projet_commentaire (fiche_id, auteur_id, auteur_label, nature, texte) VALUES ($1, $2, $3, 'commentaire', $4)`, [id, user.id, personLabel(user, territory), clean]);
      await this.audit.record(em, actor, { action: 'fiche.commentaire', entityType: 'fiche_projet', entityId: id, pvdId: row.pvd_id, before: null, after: { titre: row.titre, commentaire: clean } });
      const recipients = acteurs.includes('relecteur') ? this.redacteursOf(row) : await this.relecteurs(em);
      await this.notifications.record(em, {
        kind: acteurs.includes('relecteur') ? 'fiche_a_modifier' : 'fiche_soumise',
        recipientIds: recipients,
        actorId: user.id,
        item: this.itemOf(row),
        dossierId: row.pvd_id,
        title: `Commentaire sur la fiche-projet « ${row.titre} »`,
        body: clean,
      });
    });
    return this.get(user, id);
  }

  /** A photo (JPEG, PNG or WebP, recognised from its content) with its alternative text, while the chef edits the sheet. */
  async addPhoto(user: CurrentUser, actor: Actor, id: string, file: Express.Multer.File | undefined, texteAlternatif: string, legende: string | undefined): Promise<FicheDto> {
    const alt = texteAlternatif.trim();
    if (!alt) throw new AppError('FICHE_INVALID', 'Décrivez la photo (texte alternatif).', { texteAlternatif: ['Décrivez la photo : ce texte est lu à qui ne la voit pas.'] });
    const { row: current, territory } = await this.readForRedacteur(this.dataSource, user, id);
    this.requireModifiable(current.statut);
    const stored = await this.documents.store(file, isFichePhotoType, 'Une photo est une image JPEG, PNG ou WebP.');
    try {
      await this.dataSource.transaction(async (em) => {
        const { row } = await this.readForRedacteur(em, user, id, true);
        this.requireModifiable(row.statut);
        const [{ n }] = await em.query('SELECT count(*)::int AS n FROM fiche_projet_photo WHERE fiche_id = $1', [id]);
        if (n >= FICHE_LIMITES.photos) throw new AppError('FICHE_PHOTOS_TOO_MANY', `Une fiche porte au plus ${FICHE_LIMITES.photos} photos.`);
        const { documentId } = await this.documents.recordVersion(
          em,
          actor,
          { documentId: null, pvdId: row.pvd_id, conventionId: null, nature: 'photo_fiche', titre: alt },
          stored,
          personLabel(user, territory),
        );
        await em.query('INSERT INTO fiche_projet_photo (fiche_id, document_id, texte_alternatif, legende) VALUES ($1, $2, $3, $4)', [id, documentId, alt, trimOrNull(legende)]);
        await em.query('UPDATE fiche_projet SET updated_at = now() WHERE id = $1', [id]);
        await this.audit.record(em, actor, { action: 'fiche.photo_ajoutee', entityType: 'fiche_projet', entityId: id, pvdId: row.pvd_id, before: null, after: { titre: row.titre, photo: alt } });
      });
    } catch (error) {
      await this.documents.discard(stored);
      throw error;
    }
    return this.get(user, id);
  }

  async removePhoto(user: CurrentUser, actor: Actor, id: string, photoId: string): Promise<FicheDto> {
    await this.dataSource.transaction(async (em) => {
      const { row } = await this.readForRedacteur(em, user, id, true);
      this.requireModifiable(row.statut);
      const [photo] = await em.query('SELECT id, texte_alternatif FROM fiche_projet_photo WHERE id = $1 AND fiche_id = $2', [photoId, id]);
      if (!photo) throw PHOTO_NOT_FOUND();
      // The image stays in storage as a document version (never deleted); the sheet no longer shows it.
      await em.query('DELETE FROM fiche_projet_photo WHERE id = $1', [photoId]);
      await em.query('UPDATE fiche_projet SET updated_at = now() WHERE id = $1', [id]);
      await this.audit.record(em, actor, { action: 'fiche.photo_retiree', entityType: 'fiche_projet', entityId: id, pvdId: row.pvd_id, before: { titre: row.titre, photo: photo.texte_alternatif }, after: null });
    });
    return this.get(user, id);
  }

  /** A photo's image, for those who read the sheet privately. */
  async photo(user: CurrentUser, id: string, photoId: string): Promise<{ stream: Readable; mime: string; size: number }> {
    await this.readFiche(this.dataSource, user, id);
    return this.photoContent(id, photoId);
  }

  // ─── Public side ────────────────────────────────────────────────────────────

  /** Published sheets, searched by words, theme, région and class of population (or those of one PVD, by its idPvd). */
  async searchPublic(query: PublicFichesQuery): Promise<PublicFichesPageDto> {
    const page = query.page ?? 1;
    const params: unknown[] = [];
    const where: string[] = [`x.statut = 'publiee'`];
    const q = query.q?.trim();
    if (q) {
      params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(x.titre ILIKE $${params.length} OR x.resume ILIKE $${params.length} OR x.pvd_nom ILIKE $${params.length})`);
    }
    if (query.theme) {
      params.push(query.theme);
      where.push(`$${params.length} = ANY(x.themes)`);
    }
    if (query.region) {
      params.push(query.region);
      where.push(`x.region_code = $${params.length}`);
    }
    if (query.pvd) {
      params.push(query.pvd);
      where.push(`x.id_pvd = $${params.length}`);
    }
    if (query.population) {
      const { min, max } = CLASSE_POPULATION_BORNES[query.population];
      params.push(min);
      where.push(`x.population >= $${params.length}`);
      if (max !== null) {
        params.push(max);
        where.push(`x.population < $${params.length}`);
      }
    }
    const base = `(${FICHE_SELECT} WHERE f.statut = 'publiee') x WHERE ${where.join(' AND ')}`;
    const rows: FicheRow[] = await this.dataSource.query(`SELECT x.* FROM ${base} ORDER BY x.publiee_le DESC, x.titre, x.id LIMIT ${PUBLIC_PAGE_SIZE} OFFSET ${(page - 1) * PUBLIC_PAGE_SIZE}`, params);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM ${base}`, params);
    const regions: { code: string; nom: string }[] = await this.dataSource.query(
      `SELECT DISTINCT x.region_code AS code, x.region_nom AS nom FROM (${FICHE_SELECT} WHERE f.statut = 'publiee') x WHERE x.region_code IS NOT NULL ORDER BY nom`,
    );
    const photos = await this.firstPhotos(rows.map((r) => r.id));
    return {
      items: rows.map(
        (r): PublicFicheCarteDto => ({
          id: r.id,
          titre: r.titre,
          themes: r.themes,
          extrait: r.resume ? (r.resume.length > 220 ? `${r.resume.slice(0, 219)}…` : r.resume) : null,
          photo: photos.get(r.id) ?? null,
          pvd: this.pvdOf(r),
          publieeLe: r.publiee_le,
        }),
      ),
      total,
      page,
      pageSize: PUBLIC_PAGE_SIZE,
      regions,
    };
  }

  /** A published sheet; any other (a draft, one in review, an unpublished one) does not exist for the public. */
  async getPublic(id: string): Promise<PublicFicheDto> {
    const row = await this.publishedRow(id);
    return this.publicDto(row, await this.photosOf(this.dataSource, id, true));
  }

  /** A published sheet's photo. */
  async publicPhoto(id: string, photoId: string): Promise<{ stream: Readable; mime: string; size: number }> {
    await this.publishedRow(id);
    return this.photoContent(id, photoId);
  }

  /** Title and description of a published sheet for the social preview of its page (null if not published). */
  async previewOf(id: string): Promise<{ titre: string; description: string; image: string | null } | null> {
    const [row] = await this.dataSource.query(`SELECT titre, resume FROM fiche_projet WHERE id = $1 AND statut = 'publiee'`, [id]);
    if (!row) return null;
    const photo = (await this.firstPhotos([id])).get(id);
    return { titre: row.titre, description: (row.resume ?? '').slice(0, 300), image: photo?.url ?? null };
  }

  // ─── Internals ──────────────────────────────────────────────────────────────

  private async publishedRow(id: string): Promise<FicheRow> {
    const [row]: FicheRow[] = await this.dataSource.query(`${FICHE_SELECT} WHERE f.id = $1 AND f.statut = 'publiee'`, [id]);
    if (!row) throw notFound();
    return row;
  }

  /**
   * The sheet and who the caller is for it: its PVD's chef (`redacteur`, fiche:rediger on the
   * stored PVD) or the ANCT (`relecteur`, once the sheet was submitted). Anyone else: 404.
   */
  private async readFiche(db: Db, user: CurrentUser, id: string, forUpdate = false): Promise<{ row: FicheRow; acteurs: FicheActeur[]; territory: Territory }> {
    if (forUpdate) await db.query('SELECT 1 FROM fiche_projet WHERE id = $1 FOR UPDATE', [id]);
    const [row]: FicheRow[] = await db.query(`${FICHE_SELECT} WHERE f.id = $1`, [id]);
    if (!row) throw notFound();
    const territory = await pvdTerritory(db, row.pvd_id);
    if (!territory) throw notFound();
    const acteurs: FicheActeur[] = [];
    if (canOn(user.memberships, 'fiche:rediger', territory)) acteurs.push('redacteur');
    if (canOn(user.memberships, 'fiche:publier', territory) && row.soumise_le !== null) acteurs.push('relecteur');
    if (acteurs.length === 0) throw notFound();
    return { row, acteurs, territory };
  }

  /** The sheet, for its PVD's chef only: the ANCT reading it gets 403, anyone else 404. */
  private async readForRedacteur(db: Db, user: CurrentUser, id: string, forUpdate = false): Promise<{ row: FicheRow; territory: Territory }> {
    const found = await this.readFiche(db, user, id, forUpdate);
    if (!found.acteurs.includes('redacteur')) throw new AppError('FORBIDDEN', 'Seul le chef de projet de la commune modifie sa fiche.');
    return found;
  }

  private async lockForRedacteur(em: EntityManager, user: CurrentUser, id: string, version: number): Promise<{ row: FicheRow; territory: Territory }> {
    const found = await this.readForRedacteur(em, user, id, true);
    if (found.row.version !== version) throw versionConflict({ text: 'Cette fiche', feminine: true }, null, found.row.updated_at);
    return found;
  }

  private requireModifiable(statut: FicheStatut): void {
    if (!ficheModifiable(statut)) {
      const why = statut === 'en_revue' ? 'elle est en revue à l’ANCT' : 'elle est publiée : dépubliez-la pour la modifier, puis soumettez-la de nouveau';
      throw new AppError('FICHE_NOT_EDITABLE', `Cette fiche (« ${FICHE_STATUT_LABELS[statut].toLowerCase()} ») ne se modifie pas : ${why}.`);
    }
  }

  /** Checks the text of a sheet: contact by role (never a person's own address, nor an account's), financing within the budget. */
  private async checkFields(db: Db, input: FicheFieldsInput) {
    const fields = {
      titre: input.titre.trim(),
      themes: [...new Set(input.themes)],
      resume: trimOrNull(input.resume),
      resultats: trimOrNull(input.resultats),
      budgetTotal: input.budgetTotal ?? null,
      financements: (input.financements ?? []).map((f) => ({ financeur: f.financeur.trim(), montant: f.montant })),
      partenaires: (input.partenaires ?? []).map((p) => p.trim()).filter(Boolean),
      contactFonction: trimOrNull(input.contactFonction),
      contactOrganisation: trimOrNull(input.contactOrganisation),
      contactEmail: trimOrNull(input.contactEmail)?.toLowerCase() ?? null,
      contactTelephone: trimOrNull(input.contactTelephone),
    };
    const errors: Record<string, string[]> = {};
    if (!fields.titre) errors.titre = ['Donnez un titre à la fiche.'];
    fields.financements.forEach((f, i) => {
      if (!f.financeur) errors[`financements.${i}.financeur`] = ['Nommez le financeur.'];
    });
    if (fields.contactEmail) {
      const e = contactEmailErreur(fields.contactEmail);
      if (e) errors.contactEmail = [e];
      else {
        const [account] = await db.query('SELECT 1 FROM app_user WHERE lower(email) = $1', [fields.contactEmail]);
        if (account) errors.contactEmail = ['Cette adresse est celle d’un compte personnel : indiquez l’adresse de la fonction ou du service, publiée avec la fiche.'];
      }
    }
    if (fields.contactTelephone) {
      const e = contactTelephoneErreur(fields.contactTelephone);
      if (e) errors.contactTelephone = [e];
    }
    const financed = fields.financements.reduce((s, f) => s + f.montant, 0);
    if (fields.budgetTotal !== null && financed > fields.budgetTotal) errors.financements = ['Les financements dépassent le budget total.'];
    if (Object.keys(errors).length > 0) throw new AppError('FICHE_INVALID', Object.values(errors)[0][0], errors);
    return fields;
  }

  private fieldsOf(row: FicheRow) {
    return {
      titre: row.titre,
      themes: row.themes,
      resume: row.resume,
      resultats: row.resultats,
      budgetTotal: row.budget_total === null ? null : Number(row.budget_total),
      financements: row.financements,
      partenaires: row.partenaires,
      contactFonction: row.contact_fonction,
      contactOrganisation: row.contact_organisation,
      contactEmail: row.contact_email,
      contactTelephone: row.contact_telephone,
    };
  }

  private contentOf(row: FicheRow) {
    return { ...this.fieldsOf(row) };
  }

  private pvdOf(row: FicheRow): FichePvdDto {
    return {
      idPvd: row.id_pvd,
      nom: row.pvd_nom,
      departement: row.departement_nom,
      region: row.region_nom,
      regionCode: row.region_code,
      population: row.population,
      classePopulation: classePopulation(row.population),
    };
  }

  private publicDto(row: FicheRow, photos: FichePhotoDto[]): PublicFicheDto {
    const f = this.fieldsOf(row);
    return {
      id: row.id,
      titre: f.titre,
      themes: row.themes,
      resume: f.resume,
      resultats: f.resultats,
      budgetTotal: f.budgetTotal,
      financements: f.financements,
      partenaires: f.partenaires,
      contact: { fonction: f.contactFonction, organisation: f.contactOrganisation, email: f.contactEmail, telephone: f.contactTelephone },
      photos,
      pvd: this.pvdOf(row),
      publieeLe: row.publiee_le,
    };
  }

  private async toDto(db: Db, row: FicheRow, acteurs: FicheActeur[]): Promise<FicheDto> {
    const photos = await this.photosOf(db, row.id, false);
    const commentaires: { id: string; auteur_label: string; nature: 'commentaire' | 'demande_modifications'; texte: string; created_at: Date }[] = await db.query(
      'SELECT id, auteur_label, nature, texte, created_at FROM fiche_projet_commentaire WHERE fiche_id = $1 ORDER BY created_at, id',
      [row.id],
    );
    const redacteur = acteurs.includes('redacteur');
    return {
      ...this.publicDto(row, photos),
      pvdId: row.pvd_id,
      statut: row.statut,
      depublieeLe: row.depubliee_le,
      commentaires: commentaires.map((c): FicheCommentaireDto => ({ id: c.id, auteur: c.auteur_label, nature: c.nature, texte: c.texte, creeLe: new Date(c.created_at).toISOString() })),
      actions: ficheActionsPossibles(row.statut, acteurs),
      modifiable: redacteur && ficheModifiable(row.statut),
      supprimable: redacteur && ficheSupprimable(row.statut, row.publiee_le) && row.soumise_le === null,
      peutCommenter: true,
      manques: ficheManques({ ...this.contentOf(row), photos }),
      version: row.version,
      modifieeLe: new Date(row.updated_at).toISOString(),
    };
  }

  private async photosOf(db: Db, ficheId: string, publique: boolean): Promise<FichePhotoDto[]> {
    const rows: { id: string; texte_alternatif: string; legende: string | null }[] = await db.query(
      'SELECT id, texte_alternatif, legende FROM fiche_projet_photo WHERE fiche_id = $1 ORDER BY created_at, id',
      [ficheId],
    );
    const base = publique ? `/api/public/fiches/${ficheId}` : `/api/fiches/${ficheId}`;
    return rows.map((p) => ({ id: p.id, texteAlternatif: p.texte_alternatif, legende: p.legende, url: `${base}/photos/${p.id}/contenu` }));
  }

  private async firstPhotos(ficheIds: string[]): Promise<Map<string, FichePhotoDto>> {
    if (ficheIds.length === 0) return new Map();
    const rows: { id: string; fiche_id: string; texte_alternatif: string; legende: string | null }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (fiche_id) id, fiche_id, texte_alternatif, legende FROM fiche_projet_photo WHERE fiche_id = ANY($1::uuid[]) ORDER BY fiche_id, created_at, id`,
      [ficheIds],
    );
    return new Map(rows.map((p) => [p.fiche_id, { id: p.id, texteAlternatif: p.texte_alternatif, legende: p.legende, url: `/api/public/fiches/${p.fiche_id}/photos/${p.id}/contenu` }]));
  }

  private async photoContent(ficheId: string, photoId: string): Promise<{ stream: Readable; mime: string; size: number }> {
    const [photo] = await this.dataSource.query('SELECT document_id FROM fiche_projet_photo WHERE id = $1 AND fiche_id = $2', [photoId, ficheId]);
    if (!photo) throw PHOTO_NOT_FOUND();
    const content = await this.documents.content(photo.document_id, 1);
    return { stream: content.stream, mime: content.mime, size: content.size };
  }

  private itemOf(row: FicheRow) {
    return { type: 'fiche_projet', id: row.id, label: `Fiche-projet « ${row.titre} » – ${row.pvd_nom}`, path: `/projetotheque/fiches/${row.id}` };
  }

  private redacteursOf(row: FicheRow): string[] {
    return [row.created_by, row.soumise_par].filter((id): id is string => Boolean(id));
  }

  /** The ANCT's reviewers. */
  private async relecteurs(em: EntityManager): Promise<string[]> {
    const rows: { user_id: string }[] = await em.query(`SELECT DISTINCT m.user_id FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.role = 'anct_directeur' AND u.active LIMIT 500`);
    return rows.map((r) => r.user_id);
  }

  /** Tells the ANCT a sheet was submitted, the chef that changes are asked or that it is published or unpublished. */
  private async notify(em: EntityManager, user: CurrentUser, row: FicheRow, action: FicheAction, commentaire: string | null): Promise<void> {
    const item = this.itemOf(row);
    if (action === 'soumettre') {
      await this.notifications.record(em, { kind: 'fiche_soumise', recipientIds: await this.relecteurs(em), actorId: user.id, item, dossierId: row.pvd_id, title: `Fiche-projet soumise à la revue : « ${row.titre} » (${row.pvd_nom})` });
    } else if (action === 'demander_modifications') {
      await this.notifications.record(em, { kind: 'fiche_a_modifier', recipientIds: this.redacteursOf(row), actorId: user.id, item, dossierId: row.pvd_id, title: `Modifications demandées sur la fiche-projet « ${row.titre} »`, body: commentaire ?? undefined });
    } else if (action === 'publier') {
      await this.notifications.record(em, { kind: 'fiche_publiee', recipientIds: this.redacteursOf(row), actorId: user.id, item, dossierId: row.pvd_id, title: `Fiche-projet publiée dans la projetothèque : « ${row.titre} »` });
    } else {
      await this.notifications.record(em, { kind: 'fiche_publiee', recipientIds: [...this.redacteursOf(row), ...(await this.relecteurs(em))], actorId: user.id, item, dossierId: row.pvd_id, title: `Fiche-projet dépubliée : « ${row.titre} »` });
    }
  }
}
