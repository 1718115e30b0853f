import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { estServiceEtat, messageTexteErreurs, modifiableJusqua, refusModification, STATE_ORGANISATION_TYPES, type DiscussionItemType } from '@suivi-pvd/domain';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { versionConflict } from '../core/errors/version-conflict';
import { DocumentsService } from '../documents/documents.service';
import { NotificationsService } from '../notifications/notifications.service';
import { loadMemberships } from '../core/auth/memberships';
import { authorLabel, itemNoun, requireDiscussionItem, type DiscussionItem } from './discussion-items';
import type { CreateMessageInput, DiscussionFilDto, DiscussionMessageDto, DiscussionPersonneDto, DiscussionPieceJointeDto, UpdateMessageInput } from './dto/discussion.dto';

type Db = DataSource | EntityManager;

const MESSAGE_NOT_FOUND = () => new AppError('MESSAGE_NOT_FOUND', 'Message introuvable.');
/** Attachments of one message. */
const MAX_PIECES_JOINTES = 5;
const PAGE_DEFAULT = 20;

interface MessageRow {
  id: string;
  item_type: DiscussionItemType;
  item_id: string;
  pvd_id: string | null;
  auteur_id: string | null;
  auteur_label: string;
  texte: string;
  interne: boolean;
  mentions: string[];
  cree_le: Date;
  modifie_le: Date | null;
  supprime_le: Date | null;
  supprime_par_label: string | null;
  version: number;
  /** `cree_le` to the microsecond, for the cursor. */
  cle: string;
  maintenant: Date;
}

const MESSAGE_COLUMNS = `m.id, m.item_type, m.item_id, m.pvd_id, m.auteur_id, m.auteur_label, m.texte, m.interne, m.mentions, m.cree_le, m.modifie_le,
  m.supprime_le, m.supprime_par_label, m.version, to_char(m.cree_le AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cle, now() AS maintenant`;

/** The cursor of a page: the last message's instant (to the microsecond) and id. */
function encodeCursor(cle: string, id: string): string {
  return Buffer.from(`${cle}|${id}`, 'utf8').toString('base64url');
}
function decodeCursor(cursor: string): { cle: string; id: string } {
  const [cle, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!cle || !id || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(cle) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError('VALIDATION_FAILED', 'Curseur invalide.', { curseur: ['Curseur invalide : repartez de la première page.'] });
  }
  return { cle, id };
}

/**
 * Discussions beside each item: whoever reads the item reads and writes its thread (the item's own
 * access rules, at each request); internal notes are the State's services' only, everywhere (lists,
 * counts, mentions, attachments, the dossier's history). Messages are plain text, editable by their
 * author for 15 minutes, deleted softly (the trace stays), with attachments stored as the dossier's
 * documents.
 */
@Injectable()
export class DiscussionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** A page of the thread, newest first, with what the caller reads of it. */
  async list(user: CurrentUser, type: DiscussionItemType, id: string, query: { curseur?: string; limite?: number }): Promise<DiscussionFilDto> {
    const item = await requireDiscussionItem(this.dataSource, user, type, id);
    const internes = estServiceEtat(user.memberships);
    const limite = query.limite ?? PAGE_DEFAULT;
    const params: unknown[] = [type, id, internes];
    let after = '';
    if (query.curseur) {
      const { cle, id: lastId } = decodeCursor(query.curseur);
      params.push(cle, lastId);
      after = 'AND (m.cree_le, m.id) < ($4::timestamptz, $5::uuid)';
    }
    const rows: MessageRow[] = await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM discussion_message m
        WHERE m.item_type = $1 AND m.item_id = $2 AND (NOT m.interne OR $3) ${after}
        ORDER BY m.cree_le DESC, m.id DESC LIMIT ${limite + 1}`,
      params,
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM discussion_message m WHERE m.item_type = $1 AND m.item_id = $2 AND (NOT m.interne OR $3)`,
      [type, id, internes],
    );
    const page = rows.slice(0, limite);
    const last = page[page.length - 1];
    return {
      itemType: type,
      itemId: id,
      itemLibelle: item.label,
      messages: await this.toDtos(this.dataSource, user, page),
      suivant: rows.length > limite && last ? encodeCursor(last.cle, last.id) : null,
      total,
      peutEcrireNoteInterne: internes,
    };
  }

  /** Posts a message (or an internal note) on the item's thread; mentions are checked against who reads the item. */
  async post(user: CurrentUser, actor: Actor, type: DiscussionItemType, id: string, input: CreateMessageInput): Promise<DiscussionMessageDto> {
    const texte = this.checkTexte(input.texte);
    const interne = input.interne === true;
    if (interne && !estServiceEtat(user.memberships)) {
      throw new AppError('NOTE_INTERNE_NOT_ALLOWED', 'Seuls les services de l’État (préfecture, SGAR, ANCT) écrivent des notes internes.', {
        interne: ['Seuls les services de l’État écrivent des notes internes.'],
      });
    }
    const messageId = await this.dataSource.transaction(async (em) => {
      const item = await requireDiscussionItem(em, user, type, id);
      const mentions = await this.checkMentions(em, item, input.mentions ?? [], interne);
      const [row] = await em.query(
        `INSERT INTO discussion_message (item_type, item_id, pvd_id, auteur_id, auteur_label, texte, interne, mentions)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[]) RETURNING id`,
        [type, id, item.pvdId, user.id, authorLabel(user, item), texte, interne, mentions.map((m) => m.id)],
      );
      await this.audit.record(em, actor, {
        action: 'message.publie',
        entityType: interne ? 'note_interne' : 'discussion_message',
        entityId: row.id,
        pvdId: interne ? null : item.pvdId,
        before: null,
        after: { itemType: type, itemId: id, texte, mentionnes: mentions.map((m) => m.nom), interne },
      });
      await this.notify(em, user, item, texte, interne, mentions.map((m) => m.id), true);
      return row.id as string;
    });
    return this.get(user, messageId);
  }

  /** The author edits their message within 15 minutes of posting it (409 on a stale version). */
  async update(user: CurrentUser, actor: Actor, messageId: string, input: UpdateMessageInput): Promise<DiscussionMessageDto> {
    const texte = this.checkTexte(input.texte);
    await this.dataSource.transaction(async (em) => {
      const { row, item } = await this.lockMessage(em, user, messageId, input.version);
      this.requireAuthorWithin(row, user);
      const mentions = await this.checkMentions(em, item, input.mentions ?? row.mentions, row.interne);
      const beforeNames = await this.namesOf(em, row.mentions);
      await em.query(`UPDATE discussion_message SET texte = $2, mentions = $3::uuid[], modifie_le = now(), version = version + 1 WHERE id = $1`, [
        messageId,
        texte,
        mentions.map((m) => m.id),
      ]);
      await this.audit.record(em, actor, {
        action: 'message.modifie',
        entityType: row.interne ? 'note_interne' : 'discussion_message',
        entityId: messageId,
        pvdId: row.interne ? null : row.pvd_id,
        before: { itemType: row.item_type, itemId: row.item_id, texte: row.texte, mentionnes: beforeNames },
        after: { itemType: row.item_type, itemId: row.item_id, texte, mentionnes: mentions.map((m) => m.nom) },
      });
      // Only the people newly mentioned hear of an edit.
      const added = mentions.map((m) => m.id).filter((id) => !row.mentions.includes(id));
      await this.notify(em, user, item, texte, row.interne, added, false);
    });
    return this.get(user, messageId);
  }

  /** The author deletes their message: its text and attachments go, a trace stays (« Message supprimé », by whom, when). */
  async remove(user: CurrentUser, actor: Actor, messageId: string, version: number): Promise<DiscussionMessageDto> {
    await this.dataSource.transaction(async (em) => {
      const { row, item } = await this.lockMessage(em, user, messageId, version);
      if (row.auteur_id !== user.id) throw new AppError('MESSAGE_NOT_YOURS', 'Seul l’auteur d’un message peut le supprimer.');
      if (row.supprime_le) throw new AppError('MESSAGE_DELETED', 'Ce message est déjà supprimé.');
      await em.query(
        `UPDATE discussion_message SET texte = '', mentions = '{}', supprime_le = now(), supprime_par_label = $2, version = version + 1 WHERE id = $1`,
        [messageId, authorLabel(user, item)],
      );
      // The attachments' files stay in storage (versions are never deleted) but are no longer served (`pieceJointe`).
      await this.audit.record(em, actor, {
        action: 'message.supprime',
        entityType: row.interne ? 'note_interne' : 'discussion_message',
        entityId: messageId,
        pvdId: row.interne ? null : row.pvd_id,
        before: { itemType: row.item_type, itemId: row.item_id, texte: row.texte, supprime: false },
        after: { itemType: row.item_type, itemId: row.item_id, supprime: true },
      });
    });
    return this.get(user, messageId);
  }

  /** The author attaches a file to their message within its edit window: a document of the dossier's storage, checked as any. */
  async addPieceJointe(user: CurrentUser, actor: Actor, messageId: string, file: Express.Multer.File | undefined, titre: string | undefined): Promise<DiscussionMessageDto> {
    const { row: current } = await this.readMessage(this.dataSource, user, messageId);
    this.requireAuthorWithin(current, user);
    const stored = await this.documents.store(file);
    try {
      await this.dataSource.transaction(async (em) => {
        const { row } = await this.readMessage(em, user, messageId, true);
        this.requireAuthorWithin(row, user);
        const [{ n }] = await em.query('SELECT count(*)::int AS n FROM document WHERE message_id = $1', [messageId]);
        if (n >= MAX_PIECES_JOINTES) throw new AppError('PIECES_JOINTES_TOO_MANY', `Un message porte au plus ${MAX_PIECES_JOINTES} pièces jointes.`);
        await this.documents.recordVersion(
          em,
          actor,
          { documentId: null, pvdId: row.pvd_id, conventionId: null, messageId, nature: 'piece_jointe', titre: titre?.trim() || stored.fileName, horsHistorique: row.interne },
          stored,
          row.auteur_label,
        );
      });
    } catch (error) {
      await this.documents.discard(stored);
      throw error;
    }
    return this.get(user, messageId);
  }

  /** An attachment's content, for those who read its message (its thread; an internal note's: the State's services). */
  async pieceJointe(user: CurrentUser, documentId: string): Promise<{ stream: Readable; fileName: string; mime: string; size: number }> {
    const [doc]: { message_id: string | null }[] = await this.dataSource.query('SELECT message_id FROM document WHERE id = $1', [documentId]);
    if (!doc?.message_id) throw new AppError('DOCUMENT_NOT_FOUND', 'Pièce jointe introuvable.');
    const { row } = await this.readMessage(this.dataSource, user, doc.message_id);
    if (row.supprime_le) throw new AppError('DOCUMENT_NOT_FOUND', 'Ce message a été supprimé avec ses pièces jointes.');
    return this.documents.content(documentId, 1);
  }

  /**
   * The people the caller may mention on the item: the accounts whose organisation covers the
   * item (or funds it), confirmed one by one with the item's own access rule; for an internal note,
   * the State's services only.
   */
  async personnes(user: CurrentUser, type: DiscussionItemType, id: string, q: string | undefined, interne: boolean): Promise<DiscussionPersonneDto[]> {
    const item = await requireDiscussionItem(this.dataSource, user, type, id);
    const search = (q ?? '').trim().replace(/[\\%_]/g, (c) => `\\${c}`);
    const candidates: { id: string }[] = await this.dataSource.query(
      `SELECT u.id FROM app_user u
        WHERE u.active AND u.id <> $1
          AND ($2 = '' OR u.display_name ILIKE '%' || $2 || '%' OR u.email ILIKE $2 || '%')
          AND EXISTS (
            SELECT 1 FROM membership ms JOIN organisation o ON o.id = ms.organisation_id
             WHERE ms.user_id = u.id
               AND (NOT $8 OR o.type = ANY($9::text[]))
               AND (o.type = 'anct'
                 OR (o.type = 'prefecture' AND o.departement_code = ANY($3::text[]))
                 OR (o.type = 'sgar' AND o.region_code = ANY($4::text[]))
                 OR (o.type = 'commune' AND o.commune_insee = ANY($5::text[]))
                 OR (o.type = 'epci' AND o.epci_siren = ANY($6::text[]))
                 OR (o.type = 'partenaire' AND o.id = $7::uuid)))
        ORDER BY u.display_name, u.id LIMIT 30`,
      [
        user.id,
        search,
        item.territory.departementCodes,
        item.territory.regionCodes,
        item.territory.communes,
        item.territory.epciSirens,
        item.financeurOrganisationId,
        interne,
        STATE_ORGANISATION_TYPES,
      ],
    );
    const readers = await this.readersAmong(this.dataSource, item, candidates.map((c) => c.id), interne);
    return readers.slice(0, 10).map((r) => ({ id: r.id, nom: r.nom, libelle: r.libelle }));
  }

  /** One message as the caller reads it. */
  async get(user: CurrentUser, messageId: string): Promise<DiscussionMessageDto> {
    const { row } = await this.readMessage(this.dataSource, user, messageId);
    const [dto] = await this.toDtos(this.dataSource, user, [row]);
    return dto;
  }

  /**
   * The followers of a thread (its authors and the people mentioned in it), who still read the
   * item (and the internal notes, for a note), but the actor: those the notification of a message goes to.
   */
  async followers(em: EntityManager, item: DiscussionItem, interne: boolean, actorId: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT DISTINCT f.id FROM (
         SELECT auteur_id AS id FROM discussion_message WHERE item_type = $1 AND item_id = $2 AND supprime_le IS NULL AND auteur_id IS NOT NULL AND (NOT interne OR $3)
         UNION SELECT unnest(mentions) FROM discussion_message WHERE item_type = $1 AND item_id = $2 AND supprime_le IS NULL AND (NOT interne OR $3)
       ) f JOIN app_user u ON u.id = f.id WHERE u.active AND f.id <> $4 LIMIT 200`,
      [item.type, item.id, interne, actorId],
    );
    return (await this.readersAmong(em, item, rows.map((r) => r.id), interne)).map((r) => r.id);
  }

  // ─── Internals ──────────────────────────────────────────────────────────────

  /**
   * Tells, in the message's transaction, the people mentioned (`mention`) and, for a new message,
   * the thread's followers (`message`: its authors and the people mentioned in it, who still read
   * it). An internal note reaches the State's services only (mentions and followers are checked so).
   */
  private async notify(em: EntityManager, user: CurrentUser, item: DiscussionItem, texte: string, interne: boolean, mentioned: string[], nouveau: boolean): Promise<void> {
    const where = `${itemNoun(item.type).toLowerCase()} ${item.label}`;
    const body = texte.length > 300 ? `${texte.slice(0, 299)}…` : texte;
    const target = { type: item.type, id: item.id, label: item.label, path: item.path };
    const note = interne ? 'note interne' : 'message';
    if (mentioned.length > 0) {
      await this.notifications.record(em, {
        kind: 'mention',
        recipientIds: mentioned,
        actorId: user.id,
        item: target,
        dossierId: item.pvdId,
        title: `${user.displayName} vous a mentionné dans une ${interne ? 'note interne' : 'discussion'} : ${where}`,
        body,
      });
    }
    if (!nouveau) return;
    const followers = (await this.followers(em, item, interne, user.id)).filter((id) => !mentioned.includes(id));
    if (followers.length === 0) return;
    await this.notifications.record(em, {
      kind: 'message',
      recipientIds: followers,
      actorId: user.id,
      item: target,
      dossierId: item.pvdId,
      title: `Nouveau ${note} de ${user.displayName} : ${where}`,
      body,
    });
  }

  private checkTexte(texte: string): string {
    const errors = messageTexteErreurs(texte);
    if (errors.length > 0) throw new AppError('MESSAGE_INVALID', errors[0], { texte: errors });
    return texte.trim();
  }

  /** The accounts among `ids` who read the item (and internal notes, for a note), with their names, in the order given. */
  private async readersAmong(db: Db, item: DiscussionItem, ids: string[], interne: boolean): Promise<{ id: string; nom: string; libelle: string }[]> {
    if (ids.length === 0) return [];
    const users: { id: string; display_name: string; email: string }[] = await db.query('SELECT id, display_name, email FROM app_user WHERE id = ANY($1::uuid[]) AND active', [ids]);
    const memberships = await loadMemberships(db, users.map((u) => u.id));
    const readers: { id: string; nom: string; libelle: string }[] = [];
    for (const id of ids) {
      const u = users.find((x) => x.id === id);
      if (!u) continue;
      const person = { id: u.id, email: u.email, displayName: u.display_name, memberships: memberships.get(u.id) ?? [], sessionId: '', authMethod: 'mot_de_passe' as const };
      if (interne && !estServiceEtat(person.memberships)) continue;
      if (await readsItem(db, person, item)) readers.push({ id, nom: u.display_name, libelle: authorLabel(person, item) });
    }
    return readers;
  }

  /**
   * The mentions of a message: each must be someone who reads the item (and internal notes, for a
   * note). A refusal names the field (`mentions.<i>`) and the person.
   */
  private async checkMentions(em: EntityManager, item: DiscussionItem, ids: string[], interne: boolean): Promise<{ id: string; nom: string }[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const readers = await this.readersAmong(em, item, unique, interne);
    const fields: Record<string, string[]> = {};
    const refused: string[] = [];
    const names: { id: string; display_name: string }[] = await em.query('SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])', [unique]);
    ids.forEach((id, i) => {
      if (readers.some((r) => r.id === id)) return;
      const name = names.find((n) => n.id === id)?.display_name;
      const message = !name
        ? 'Personne introuvable.'
        : interne
          ? `${name} ne peut pas lire les notes internes : seuls les services de l’État peuvent y être mentionnés.`
          : `${name} ne peut pas voir cet élément : mentionnez quelqu’un qui y a accès.`;
      fields[`mentions.${i}`] = [message];
      refused.push(message);
    });
    if (refused.length > 0) throw new AppError('MENTION_NOT_ALLOWED', refused.join(' '), fields);
    return unique.map((id) => ({ id, nom: readers.find((r) => r.id === id)?.nom ?? '' }));
  }

  private async namesOf(db: Db, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string; display_name: string }[] = await db.query('SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])', [ids]);
    return ids.map((id) => rows.find((r) => r.id === id)?.display_name ?? '').filter(Boolean);
  }

  /** A message the caller reads: its item readable by them, an internal note for the State's services only (404 otherwise). */
  private async readMessage(db: Db, user: CurrentUser, messageId: string, forUpdate = false): Promise<{ row: MessageRow; item: DiscussionItem }> {
    if (forUpdate) await db.query('SELECT 1 FROM discussion_message WHERE id = $1 FOR UPDATE', [messageId]);
    const [row]: MessageRow[] = await db.query(`SELECT ${MESSAGE_COLUMNS} FROM discussion_message m WHERE m.id = $1`, [messageId]);
    if (!row) throw MESSAGE_NOT_FOUND();
    const item = await requireDiscussionItem(db, user, row.item_type, row.item_id).catch((error: unknown) => {
      // An item the caller may not read: its messages do not exist for them either (a partner reading a summary gets its 403).
      if (error instanceof AppError && error.status === 404) throw MESSAGE_NOT_FOUND();
      throw error;
    });
    if (row.interne && !estServiceEtat(user.memberships)) throw MESSAGE_NOT_FOUND();
    return { row, item };
  }

  private async lockMessage(em: EntityManager, user: CurrentUser, messageId: string, version: number): Promise<{ row: MessageRow; item: DiscussionItem }> {
    const found = await this.readMessage(em, user, messageId, true);
    if (found.row.version !== version) {
      throw versionConflict({ text: 'Ce message', feminine: false }, found.row.auteur_label, found.row.supprime_le ?? found.row.modifie_le ?? found.row.cree_le);
    }
    return found;
  }

  private requireAuthorWithin(row: MessageRow, user: CurrentUser): void {
    const refus = refusModification({ auteurId: row.auteur_id, creeLe: row.cree_le, supprime: row.supprime_le !== null }, user.id, new Date(row.maintenant));
    if (refus === 'pas_auteur') throw new AppError('MESSAGE_NOT_YOURS', 'Seul l’auteur d’un message peut le modifier.');
    if (refus === 'supprime') throw new AppError('MESSAGE_DELETED', 'Ce message a été supprimé.');
    if (refus === 'delai_depasse') throw new AppError('MESSAGE_EDIT_EXPIRED', 'Un message se modifie dans les 15 minutes qui suivent sa publication.');
  }

  private async toDtos(db: Db, user: CurrentUser, rows: MessageRow[]): Promise<DiscussionMessageDto[]> {
    if (rows.length === 0) return [];
    const mentioned = [...new Set(rows.flatMap((r) => r.mentions))];
    const names: { id: string; display_name: string }[] =
      mentioned.length > 0 ? await db.query('SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])', [mentioned]) : [];
    const docs: { id: string; message_id: string; titre: string; nom_fichier: string; type_mime: string; taille: string }[] = await db.query(
      `SELECT d.id, d.message_id, d.titre, v.nom_fichier, v.type_mime, v.taille
         FROM document d JOIN document_version v ON v.document_id = d.id AND v.numero = 1
        WHERE d.message_id = ANY($1::uuid[]) ORDER BY d.created_at, d.id`,
      [rows.filter((r) => !r.supprime_le).map((r) => r.id)],
    );
    return rows.map((r): DiscussionMessageDto => {
      const supprime = r.supprime_le !== null;
      const editable = refusModification({ auteurId: r.auteur_id, creeLe: r.cree_le, supprime }, user.id, new Date(r.maintenant)) === null;
      return {
        id: r.id,
        auteurId: r.auteur_id,
        auteur: r.auteur_label,
        texte: supprime ? '' : r.texte,
        interne: r.interne,
        creeLe: new Date(r.cree_le).toISOString(),
        modifieLe: r.modifie_le ? new Date(r.modifie_le).toISOString() : null,
        supprime: supprime ? { le: new Date(r.supprime_le as Date).toISOString(), par: r.supprime_par_label ?? r.auteur_label } : null,
        mentions: supprime ? [] : r.mentions.map((id) => ({ id, nom: names.find((n) => n.id === id)?.display_name ?? 'Compte supprimé', libelle: names.find((n) => n.id === id)?.display_name ?? '' })),
        piecesJointes: docs
          .filter((d) => d.message_id === r.id)
          .map((d): DiscussionPieceJointeDto => ({ id: d.id, titre: d.titre, nomFichier: d.nom_fichier, typeMime: d.type_mime, taille: Number(d.taille), url: `/api/discussions/pieces-jointes/${d.id}/contenu` })),
        modifiableJusqua: editable ? modifiableJusqua(r.cree_le).toISOString() : null,
        supprimable: !supprime && r.auteur_id === user.id,
        version: r.version,
      };
    });
  }
}

/** Whether a person reads the item, by the item's own access rule. */
async function readsItem(db: Db, person: CurrentUser, item: DiscussionItem): Promise<boolean> {
  try {
    await requireDiscussionItem(db, person, item.type, item.id);
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}
