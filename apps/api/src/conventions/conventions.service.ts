import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CONVENTION_STATE_LABELS,
  CONVENTION_TYPE_LABELS,
  availableActions,
  canOn,
  decideTransition,
  fieldChanges,
  isEditable,
  planActionErrors,
  type ConventionAction,
  type ConventionType,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError, type FieldErrors } from '../core/errors/app-error';
import { FILE_FIELD } from '../core/files/upload';
import { todayInFrance } from '../core/time/today';
import { DocumentsService, type StoredFile } from '../documents/documents.service';
import { personLabel, requirePvdAccess, type PvdAccess } from '../dossiers/pvd-access';
import { chefsDeProjetOf, dossierName, prefectureAgentsOf } from '../notifications/audiences';
import { NotificationsService } from '../notifications/notifications.service';
import {
  CONVENTION_NOT_FOUND,
  conventionSnapshot,
  echeanceOf,
  lockConvention,
  getConvention,
  missingOf,
  readActions,
  toCompletude,
  toSummary,
  type ConventionRow,
} from './convention-records';
import type { ConventionDto, CreateConventionInput, PlanActionInput, SignatureInput, TransitionDto, TransitionInput, UpdateConventionInput } from './dto/convention.dto';

/** Which content fields apply to which convention. */
const FIELDS_BY_TYPE: Record<ConventionType, readonly (keyof UpdateConventionInput)[]> = {
  adhesion: ['signataires'],
  cadre: ['diagnostic', 'strategie', 'vautOrt', 'signataires', 'actions'],
  avenant: ['objet', 'signataires', 'actions'],
};

/** Field names of the domain's refusals, as the API's inputs name them. */
const REFUSAL_FIELD = { comment: 'commentaire', signatureDate: 'dateSignature', document: FILE_FIELD } as const;

@Injectable()
export class ConventionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** A new convention in draft: the convention d'adhésion or the convention-cadre (once each), or an avenant to the signed convention-cadre. */
  async create(user: CurrentUser, actor: Actor, pvdId: string, input: CreateConventionInput): Promise<ConventionDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const access = await requirePvdAccess(em, user, pvdId, 'pvd:modifier');
      // One creation at a time per PVD: the unique indexes would refuse a second one anyway, this gives the clear message.
      await em.query('SELECT id FROM pvd WHERE id = $1 FOR UPDATE', [pvdId]);
      let parentId: string | null = null;
      let numero: number | null = null;
      if (input.type === 'avenant') {
        const [cadre] = await em.query(`SELECT id, etat FROM convention WHERE pvd_id = $1 AND type = 'cadre'`, [pvdId]);
        if (!cadre || cadre.etat !== 'signee') {
          throw new AppError('CONVENTION_CADRE_NOT_SIGNED', 'Un avenant ne peut être créé que pour une convention-cadre signée.');
        }
        parentId = cadre.id;
        const [{ next }] = await em.query('SELECT COALESCE(max(numero), 0) + 1 AS next FROM convention WHERE parent_id = $1', [parentId]);
        numero = Number(next);
      } else {
        const [existing] = await em.query('SELECT id FROM convention WHERE pvd_id = $1 AND type = $2', [pvdId, input.type]);
        if (existing) throw new AppError('CONVENTION_ALREADY_EXISTS', `Ce dossier a déjà une ${CONVENTION_TYPE_LABELS[input.type].toLowerCase()}.`);
      }
      if (input.objet !== undefined && input.type !== 'avenant') {
        throw new AppError('VALIDATION_FAILED', 'La requête contient des données invalides.', { objet: ["L'objet ne concerne que les avenants."] });
      }
      const [row] = await em.query(
        `INSERT INTO convention (pvd_id, type, parent_id, numero, objet, updated_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [pvdId, input.type, parentId, numero, input.objet?.trim() || null, user.id],
      );
      await em.query(
        `INSERT INTO convention_transition (convention_id, action, etat_avant, etat_apres, actor_id, actor_label) VALUES ($1, 'creer', NULL, 'brouillon', $2, $3)`,
        [row.id, user.id, personLabel(user, access.territory)],
      );
      const created = await getConvention(em, row.id);
      await this.audit.record(em, actor, { action: 'convention.creee', entityType: 'convention', entityId: row.id, pvdId, before: null, after: conventionSnapshot(created, []) });
      return row.id as string;
    });
    return this.get(user, id);
  }

  /** A convention with its content, timeline, documents and what the caller may do with it now. */
  async get(user: CurrentUser, id: string): Promise<ConventionDto> {
    const row = await getConvention(this.dataSource, id);
    const access = await requirePvdAccess(this.dataSource, user, row.pvd_id, 'pvd:lire', CONVENTION_NOT_FOUND);
    const [actions, transitions, documents, [pvd], missing] = await Promise.all([
      readActions(this.dataSource, id),
      this.dataSource.query(
        `SELECT action, etat_avant, etat_apres, at, actor_label, commentaire, date_signature::text FROM convention_transition WHERE convention_id = $1 ORDER BY at, id`,
        [id],
      ),
      this.documents.listForConvention(id),
      this.dataSource.query(
        `SELECT string_agg(c.nom, ' – ' ORDER BY c.population DESC NULLS LAST, c.insee) AS nom FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = $1`,
        [row.pvd_id],
      ),
      missingOf(this.dataSource, row),
    ]);
    const today = todayInFrance();
    return {
      ...toSummary(row),
      pvdId: row.pvd_id,
      pvdNom: pvd?.nom ?? '',
      parentId: row.parent_id,
      diagnostic: row.diagnostic,
      strategie: row.strategie,
      vautOrt: row.vaut_ort,
      signataires: row.signataires,
      actions,
      modifieeLe: new Date(row.updated_at).toISOString(),
      modifieePar: row.updated_by_name,
      transitions: transitions.map(
        (t: { action: TransitionDto['action']; etat_avant: TransitionDto['etatAvant']; etat_apres: TransitionDto['etatApres']; at: Date; actor_label: string; commentaire: string | null; date_signature: string | null }): TransitionDto => ({
          action: t.action,
          etatAvant: t.etat_avant,
          etatApres: t.etat_apres,
          at: new Date(t.at).toISOString(),
          auteur: t.actor_label,
          commentaire: t.commentaire,
          dateSignature: t.date_signature,
        }),
      ),
      documents,
      actionsPossibles: availableActions(row.etat, access.roles),
      modifiable: isEditable(row.etat) && canOn(user.memberships, 'pvd:modifier', access.territory),
      echeance: row.type === 'cadre' ? await echeanceOf(this.dataSource, row.pvd_id, today) : null,
      completude: toCompletude(missing),
    };
  }

  /** Saves the content of a convention being prepared. A stale version gets 409 and changes nothing. */
  async update(user: CurrentUser, actor: Actor, id: string, input: UpdateConventionInput): Promise<ConventionDto> {
    await this.dataSource.transaction(async (em) => {
      const { row, access } = await lockConvention(em, user, id, 'pvd:modifier', input.version);
      if (!isEditable(row.etat)) {
        throw new AppError(
          'CONVENTION_NOT_EDITABLE',
          `La convention est « ${CONVENTION_STATE_LABELS[row.etat].toLowerCase()} » : son contenu ne peut être modifié qu'en brouillon ou à compléter.`,
        );
      }
      const errors: FieldErrors = {};
      const allowed = FIELDS_BY_TYPE[row.type];
      for (const field of ['objet', 'diagnostic', 'strategie', 'vautOrt', 'signataires', 'actions'] as const) {
        if (input[field] !== undefined && !allowed.includes(field)) errors[field] = [`Ce champ ne s'applique pas à une ${CONVENTION_TYPE_LABELS[row.type].toLowerCase()}.`];
      }
      Object.assign(errors, planActionErrors(input.actions ?? []));
      if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', 'La requête contient des données invalides.', errors);

      const beforeActions = await readActions(em, id);
      const before = conventionSnapshot(row, beforeActions);
      const text = (v: string | null | undefined, current: string | null) => (v === undefined ? current : v?.trim() || null);
      const next: ConventionRow = {
        ...row,
        objet: text(input.objet, row.objet),
        diagnostic: text(input.diagnostic, row.diagnostic),
        strategie: text(input.strategie, row.strategie),
        vaut_ort: input.vautOrt ?? row.vaut_ort,
        signataires: input.signataires?.map((s) => ({ nom: s.nom.trim(), qualite: s.qualite.trim(), organisme: s.organisme.trim() })) ?? row.signataires,
      };
      const nextActions = input.actions ? input.actions.map(normaliseAction) : beforeActions;
      const after = conventionSnapshot(next, nextActions);
      const changes = fieldChanges(before, after);
      if (changes.length === 0) return; // nothing changed: no new version, nothing to audit

      await em.query(
        `UPDATE convention SET objet = $2, diagnostic = $3, strategie = $4, vaut_ort = $5, signataires = $6::jsonb,
                updated_by = $7, updated_at = now(), version = version + 1 WHERE id = $1`,
        [id, next.objet, next.diagnostic, next.strategie, next.vaut_ort, JSON.stringify(next.signataires), user.id],
      );
      if (input.actions) {
        await em.query('DELETE FROM convention_action WHERE convention_id = $1', [id]);
        if (nextActions.length > 0) {
          await em.query(
            `INSERT INTO convention_action (convention_id, position, intitule, thematique, porteur, date_debut, date_fin, statut)
             SELECT $1, n, i, t, p, d, f, s FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[]) AS x(n, i, t, p, d, f, s)`,
            [
              id,
              nextActions.map((_, i) => i),
              nextActions.map((a) => a.intitule),
              nextActions.map((a) => a.thematique),
              nextActions.map((a) => a.porteur),
              nextActions.map((a) => a.dateDebut),
              nextActions.map((a) => a.dateFin),
              nextActions.map((a) => a.statut),
            ],
          );
        }
      }
      const only = (snapshot: Record<string, unknown>) => Object.fromEntries(changes.map((c) => [c.field, snapshot[c.field]]));
      await this.audit.record(em, actor, {
        action: 'convention.modifiee',
        entityType: 'convention',
        entityId: id,
        pvdId: access.pvdId,
        before: { type: row.type, numero: row.numero, ...only(before) },
        after: { type: row.type, numero: row.numero, ...only(after) },
      });
    });
    return this.get(user, id);
  }

  /** A workflow step other than the signature. */
  async transition(user: CurrentUser, actor: Actor, id: string, action: Exclude<ConventionAction, 'signer'>, input: TransitionInput): Promise<ConventionDto> {
    await this.dataSource.transaction((em) => this.applyTransition(em, user, actor, id, action, input.version, { comment: input.commentaire ?? null }));
    return this.get(user, id);
  }

  /** The signature, recorded by the préfecture with its date and the signed PDF, in one step. */
  async sign(user: CurrentUser, actor: Actor, id: string, input: SignatureInput, file: Express.Multer.File | undefined): Promise<ConventionDto> {
    // Checks that do not need the file come first, so a refused signature stores nothing.
    const current = await getConvention(this.dataSource, id);
    await requirePvdAccess(this.dataSource, user, current.pvd_id, 'convention:valider', CONVENTION_NOT_FOUND);
    let stored: StoredFile | null = null;
    if (file && file.size > 0) {
      stored = await this.documents.store(file, (mime) => mime === 'application/pdf', 'La convention signée doit être un fichier PDF.');
    }
    try {
      await this.dataSource.transaction((em) =>
        this.applyTransition(em, user, actor, id, 'signer', input.version, { comment: input.commentaire ?? null, signatureDate: input.dateSignature || null, stored }),
      );
    } catch (error) {
      await this.documents.discard(stored);
      throw error;
    }
    return this.get(user, id);
  }

  private async applyTransition(
    em: EntityManager,
    user: CurrentUser,
    actor: Actor,
    id: string,
    action: ConventionAction,
    version: number,
    input: { comment: string | null; signatureDate?: string | null; stored?: StoredFile | null },
  ): Promise<void> {
    const permission = action === 'deposer' || action === 'retirer' ? 'pvd:modifier' : 'convention:valider';
    const { row, access } = await lockConvention(em, user, id, permission, version);
    const decision = decideTransition(row.etat, action, access.roles, {
      comment: input.comment,
      signatureDate: input.signatureDate ?? null,
      signedDocumentAttached: Boolean(input.stored),
      today: todayInFrance(),
    });
    if (!decision.allowed) throw refusal(decision);
    if (action === 'deposer') {
      // Read under the convention's lock: its content cannot change until the deposit is written.
      const missing = await missingOf(em, row);
      if (Object.keys(missing).length > 0) {
        throw new AppError('CONVENTION_INCOMPLETE', 'La convention est incomplète : complétez-la avant de la déposer.', missing);
      }
    }
    const label = personLabel(user, access.territory);
    let documentVersionId: string | null = null;
    if (action === 'signer' && input.stored) {
      const recorded = await this.documents.recordVersion(
        em,
        actor,
        { documentId: null, pvdId: row.pvd_id, conventionId: id, nature: 'convention_signee', titre: `${toSummary(row).titre} signée` },
        input.stored,
        label,
      );
      documentVersionId = recorded.versionId;
    }
    const dateSignature = action === 'signer' ? (input.signatureDate ?? null) : row.date_signature;
    await em.query(
      `UPDATE convention SET etat = $2, etat_depuis = now(), date_signature = $3, updated_by = $4, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, decision.to, dateSignature, user.id],
    );
    const comment = input.comment?.trim() || null;
    await em.query(
      `INSERT INTO convention_transition (convention_id, action, etat_avant, etat_apres, actor_id, actor_label, commentaire, date_signature, document_version_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, action, row.etat, decision.to, user.id, label, comment, action === 'signer' ? dateSignature : null, documentVersionId],
    );
    await this.audit.record(em, actor, {
      action: `convention.${action}`,
      entityType: 'convention',
      entityId: id,
      pvdId: row.pvd_id,
      before: { type: row.type, numero: row.numero, etat: row.etat, ...(action === 'signer' ? { dateSignature: row.date_signature } : {}) },
      after: {
        type: row.type,
        numero: row.numero,
        etat: decision.to,
        ...(comment ? { commentaire: comment } : {}),
        ...(action === 'signer' ? { dateSignature } : {}),
      },
    });
    await this.notify(em, user, action, row, access, comment);
  }

  /**
   * Tells the people concerned, in the transaction of the step: the préfecture agents of the
   * dossier's département of a deposit; the dossier's chefs de projet of a sending back, a
   * validation, a signature.
   */
  private async notify(em: EntityManager, user: CurrentUser, action: ConventionAction, row: ConventionRow, access: PvdAccess, comment: string | null): Promise<void> {
    const event = CONVENTION_EVENTS[action];
    if (!event) return;
    const recipientIds = event.audience === 'prefecture' ? await prefectureAgentsOf(em, access.territory) : await chefsDeProjetOf(em, access.territory);
    if (recipientIds.length === 0) return;
    const titre = toSummary(row).titre;
    await this.notifications.record(em, {
      kind: event.kind,
      recipientIds,
      actorId: user.id,
      item: { type: 'convention', id: row.id, label: `${titre} — ${await dossierName(em, row.pvd_id)}`, path: `/conventions/${row.id}` },
      dossierId: row.pvd_id,
      title: event.title,
      ...(comment ? { body: comment } : {}),
    });
  }
}

/** The workflow steps that notify, and whom. */
const CONVENTION_EVENTS: Partial<Record<ConventionAction, { kind: 'convention_deposee' | 'convention_renvoyee' | 'convention_validee' | 'convention_signee'; title: string; audience: 'prefecture' | 'chefs' }>> = {
  deposer: { kind: 'convention_deposee', title: 'Convention déposée', audience: 'prefecture' },
  demander_complements: { kind: 'convention_renvoyee', title: 'Convention renvoyée pour compléments', audience: 'chefs' },
  valider: { kind: 'convention_validee', title: 'Convention validée', audience: 'chefs' },
  signer: { kind: 'convention_signee', title: 'Convention signée', audience: 'chefs' },
};

function normaliseAction(a: PlanActionInput) {
  return {
    intitule: a.intitule.trim(),
    thematique: a.thematique,
    porteur: a.porteur?.trim() || null,
    dateDebut: a.dateDebut || null,
    dateFin: a.dateFin || null,
    statut: a.statut,
  };
}

/** The domain's refusal as the API's answer: 409 for the state, 403 for the role, 400 on the field for missing input. */
function refusal(decision: Exclude<ReturnType<typeof decideTransition>, { allowed: true }>): AppError {
  switch (decision.code) {
    case 'ACTION_NOT_ALLOWED_IN_STATE':
      return new AppError('CONVENTION_TRANSITION_NOT_ALLOWED', decision.message);
    case 'ROLE_NOT_ALLOWED':
      return new AppError('FORBIDDEN', decision.message);
    default:
      return new AppError('VALIDATION_FAILED', decision.message, { [REFUSAL_FIELD[decision.field]]: [decision.message] });
  }
}

