import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Tag } from '@codegouvfr/react-dsfr/Tag';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { isApiError } from '@suivi-pvd/api-client';
import { MESSAGE_MAX_LENGTH, mentionText, type DiscussionItemType } from '@suivi-pvd/domain';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorMessage, QueryErrorAlert } from '../app/query-error-alert';
import { useDebouncedValue } from '../app/use-debounced-value';
import { DOCUMENT_ACCEPT } from '../conventions/document-upload.form';
import { formatSize } from '../conventions/convention-format';
import { useConfirmation } from '../shared/confirm-dialog';
import {
  useAddPieceJointe,
  useDeleteMessage,
  useFil,
  usePersonnes,
  usePostMessage,
  useUpdateMessage,
  type Message,
  type Personne,
} from './data/discussion.hooks';
import { formatLe } from './discussion-format';
import { MessageText } from './message-text';

/**
 * The thread beside an item: its messages (newest first, older ones on demand), a form to write
 * one with mentions of the people who see the item, an attachment, and for the State's services
 * the « note interne » choice. Only what the API lets the user read is shown.
 */
export function DiscussionPanel({ type, id, titre = 'Discussion', level = 'h2' }: { type: DiscussionItemType; id: string; titre?: string; level?: 'h2' | 'h3' | 'h4' }) {
  const Heading = level;
  const fil = useFil(type, id);
  const headingId = useId();
  const first = fil.data?.pages[0];
  const messages = fil.data?.pages.flatMap((p) => p.messages) ?? [];
  const confirmation = useConfirmation(`supprimer-message-${id}`);

  return (
    <section aria-labelledby={headingId} className={fr.cx('fr-p-3w', 'fr-mb-4w')} style={{ background: fr.colors.decisions.background.alt.blueFrance.default }} data-testid="discussion">
      <Heading id={headingId} className={fr.cx('fr-h4')}>
        {titre}
        {first ? <span className={fr.cx('fr-text--sm', 'fr-ml-1w')}>({first.total} message{first.total > 1 ? 's' : ''})</span> : null}
      </Heading>
      {fil.isError ? (
        <QueryErrorAlert error={fil.error} title="La discussion n’a pas pu être chargée" onRetry={() => void fil.refetch()} />
      ) : fil.isPending ? (
        <p>Chargement de la discussion…</p>
      ) : (
        <>
          <MessageForm type={type} id={id} peutEcrireNoteInterne={first?.peutEcrireNoteInterne ?? false} />
          {messages.length === 0 ? (
            <p className={fr.cx('fr-mt-2w')}>Aucun message pour le moment.</p>
          ) : (
            <ol className={fr.cx('fr-mt-3w', 'fr-raw-list')} aria-label="Messages, du plus récent au plus ancien">
              {messages.map((m) => (
                <MessageItem key={m.id} type={type} itemId={id} message={m} onDelete={confirmation.ask} />
              ))}
            </ol>
          )}
          {fil.hasNextPage && (
            <Button priority="secondary" size="small" disabled={fil.isFetchingNextPage} onClick={() => void fil.fetchNextPage()}>
              {fil.isFetchingNextPage ? 'Chargement…' : 'Afficher les messages plus anciens'}
            </Button>
          )}
        </>
      )}
      {confirmation.dialog}
    </section>
  );
}

/** The mention picker: search among the people who see the item, choose one to mention. */
function MentionPicker({ type, id, interne, onPick }: { type: DiscussionItemType; id: string; interne: boolean; onPick: (p: Personne) => void }) {
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const debounced = useDebouncedValue(q.trim(), 250);
  const personnes = usePersonnes(type, id, debounced, interne, open);
  const listId = useId();
  return (
    <div className={fr.cx('fr-mb-2w')}>
      <Input
        label="Mentionner une personne"
        hintText={interne ? 'Une note interne ne peut mentionner que les services de l’État.' : 'Parmi les personnes qui voient cet élément : elles seront notifiées.'}
        nativeInputProps={{
          value: q,
          onChange: (e) => {
            setQ(e.target.value);
            setOpen(true);
          },
          onFocus: () => setOpen(true),
          autoComplete: 'off',
          'aria-controls': listId,
          'aria-expanded': open,
          role: 'combobox',
          'aria-autocomplete': 'list',
        }}
      />
      <ul id={listId} aria-label="Personnes à mentionner" className={fr.cx('fr-raw-list')} style={{ display: open ? 'block' : 'none' }}>
        {personnes.isError && <li>{errorMessage(personnes.error)}</li>}
        {personnes.data?.length === 0 && <li>Personne ne correspond.</li>}
        {personnes.data?.map((p) => (
          <li key={p.id} className={fr.cx('fr-mb-1v')}>
            <Button
              type="button"
              priority="tertiary"
              size="small"
              onClick={() => {
                onPick(p);
                setQ('');
                setOpen(false);
              }}
            >
              {p.libelle}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function MessageForm({ type, id, peutEcrireNoteInterne }: { type: DiscussionItemType; id: string; peutEcrireNoteInterne: boolean }) {
  const post = usePostMessage(type, id);
  const attach = useAddPieceJointe(type, id);
  const [texte, setTexte] = useState('');
  const [mentions, setMentions] = useState<Personne[]>([]);
  const [interne, setInterne] = useState(false);
  const [fichier, setFichier] = useState<File | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const apiError = isApiError(post.error) ? post.error : null;
  const mentionErrors = apiError ? Object.entries(apiError.fields).filter(([k]) => k.startsWith('mentions')).flatMap(([, v]) => v) : [];
  const texteError = clientError ?? apiError?.fieldMessage('texte');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (post.isPending) return;
    if (!texte.trim()) {
      setClientError('Écrivez un message.');
      textRef.current?.focus();
      return;
    }
    setClientError(null);
    setSent(null);
    // Only the people still named in the text are mentioned.
    const kept = mentions.filter((p) => texte.includes(mentionText(p.nom)));
    post.mutate(
      { texte, mentions: kept.map((p) => p.id), interne },
      {
        onSuccess: (message) => {
          const done = () => {
            setTexte('');
            setMentions([]);
            setInterne(false);
            setFichier(null);
            if (fileRef.current) fileRef.current.value = '';
            setSent(interne ? 'Votre note interne est publiée.' : 'Votre message est publié.');
          };
          if (fichier) attach.mutate({ messageId: message.id, fichier }, { onSuccess: done });
          else done();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Écrire un message">
      <div aria-live="polite">{sent && <Alert severity="success" small description={sent} className={fr.cx('fr-mb-2w')} />}</div>
      <Input
        label="Votre message"
        hintText={`Texte simple, ${MESSAGE_MAX_LENGTH.toLocaleString('fr-FR')} caractères au plus ; les adresses web deviennent des liens.`}
        textArea
        state={texteError ? 'error' : 'default'}
        stateRelatedMessage={texteError}
        nativeTextAreaProps={{ ref: textRef, name: 'texte', value: texte, rows: 4, maxLength: MESSAGE_MAX_LENGTH, onChange: (e) => setTexte(e.target.value) }}
      />
      <MentionPicker
        type={type}
        id={id}
        interne={interne}
        onPick={(p) => {
          if (!mentions.some((m) => m.id === p.id)) setMentions([...mentions, p]);
          const tag = mentionText(p.nom);
          if (!texte.includes(tag)) setTexte((t) => `${t}${t && !t.endsWith(' ') ? ' ' : ''}${tag} `);
          textRef.current?.focus();
        }}
      />
      {mentions.length > 0 && (
        <ul className={fr.cx('fr-tags-group')} aria-label="Personnes mentionnées">
          {mentions.map((p) => (
            <li key={p.id}>
              <Tag small dismissible nativeButtonProps={{ onClick: () => setMentions(mentions.filter((m) => m.id !== p.id)), 'aria-label': `Retirer la mention de ${p.nom}` }}>
                {p.nom}
              </Tag>
            </li>
          ))}
        </ul>
      )}
      {mentionErrors.length > 0 && <Alert severity="error" small description={mentionErrors.join(' ')} className={fr.cx('fr-mb-2w')} />}
      {peutEcrireNoteInterne && (
        <Checkbox
          options={[
            {
              label: 'Note interne',
              hintText: 'Visible des seuls services de l’État (préfecture, SGAR, ANCT) : ni les communes ni les partenaires ne la voient.',
              nativeInputProps: { name: 'interne', checked: interne, onChange: (e) => setInterne(e.target.checked) },
            },
          ]}
        />
      )}
      <Upload
        className={fr.cx('fr-mb-2w')}
        label="Joindre un document (facultatif)"
        hint="PDF ou document bureautique."
        state={attach.error ? 'error' : 'default'}
        stateRelatedMessage={attach.error ? errorMessage(attach.error) : undefined}
        nativeInputProps={{ ref: fileRef, name: 'fichier', accept: DOCUMENT_ACCEPT, onChange: (e) => setFichier(e.target.files?.[0] ?? null) }}
      />
      {post.error && !apiError?.fieldMessage('texte') && mentionErrors.length === 0 ? <Alert severity="error" small description={errorMessage(post.error)} className={fr.cx('fr-mb-2w')} /> : null}
      <Button type="submit" disabled={post.isPending || attach.isPending}>
        {interne ? 'Publier la note interne' : 'Envoyer le message'}
      </Button>
    </form>
  );
}

function MessageItem({ type, itemId, message, onDelete }: { type: DiscussionItemType; itemId: string; message: Message; onDelete: ReturnType<typeof useConfirmation>['ask'] }) {
  const [editing, setEditing] = useState(false);
  const [texte, setTexte] = useState(message.texte);
  const update = useUpdateMessage(type, itemId);
  const remove = useDeleteMessage(type, itemId);
  const labelId = useId();

  if (message.supprime) {
    return (
      <li className={fr.cx('fr-mb-2w', 'fr-p-2w')} style={{ borderLeft: `4px solid ${fr.colors.decisions.border.default.grey.default}` }}>
        <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>
          <em>
            Message supprimé par {message.supprime.par} {formatLe(message.supprime.le)}
          </em>
        </p>
      </li>
    );
  }
  return (
    <li aria-labelledby={labelId} className={fr.cx('fr-mb-2w', 'fr-p-2w')} style={{ background: fr.colors.decisions.background.default.grey.default }}>
      <p id={labelId} className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        <strong>{message.auteur}</strong>, {formatLe(message.creeLe)}
        {message.modifieLe && (
          <Badge small severity="info" noIcon className={fr.cx('fr-ml-1w')}>
            modifié
          </Badge>
        )}
        {message.interne && (
          <Badge small severity="warning" className={fr.cx('fr-ml-1w')}>
            note interne
          </Badge>
        )}
      </p>
      {editing ? (
        <form
          noValidate
          aria-label="Modifier le message"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate(
              { messageId: message.id, texte, mentions: message.mentions.filter((m) => texte.includes(mentionText(m.nom))).map((m) => m.id), version: message.version },
              { onSuccess: () => setEditing(false) },
            );
          }}
        >
          <Input
            label="Message"
            textArea
            state={update.error ? 'error' : 'default'}
            stateRelatedMessage={update.error ? errorMessage(update.error) : undefined}
            nativeTextAreaProps={{ value: texte, rows: 3, maxLength: MESSAGE_MAX_LENGTH, onChange: (e) => setTexte(e.target.value) }}
          />
          <Button type="submit" size="small" disabled={update.isPending} className={fr.cx('fr-mr-1w')}>
            Enregistrer
          </Button>
          <Button type="button" size="small" priority="secondary" onClick={() => setEditing(false)}>
            Annuler
          </Button>
        </form>
      ) : (
        <MessageText texte={message.texte} />
      )}
      {message.piecesJointes.length > 0 && (
        <ul className={fr.cx('fr-mb-1w')} aria-label="Pièces jointes">
          {message.piecesJointes.map((pj) => (
            <li key={pj.id}>
              <a className={fr.cx('fr-link', 'fr-link--sm')} href={pj.url} download={pj.nomFichier}>
                {pj.titre} ({formatSize(pj.taille)})
              </a>
            </li>
          ))}
        </ul>
      )}
      {!editing && (message.modifiableJusqua || message.supprimable) && (
        <div>
          {message.modifiableJusqua && (
            <Button
              size="small"
              priority="tertiary"
              className={fr.cx('fr-mr-1w')}
              onClick={() => {
                setTexte(message.texte);
                setEditing(true);
              }}
            >
              Modifier
            </Button>
          )}
          {message.supprimable && (
            <Button
              size="small"
              priority="tertiary"
              disabled={remove.isPending}
              onClick={() =>
                onDelete({
                  title: 'Supprimer ce message ?',
                  consequence: 'Son texte et ses pièces jointes ne seront plus visibles ; une trace « Message supprimé » restera dans la discussion.',
                  confirmLabel: 'Supprimer le message',
                  onConfirm: () => remove.mutate({ messageId: message.id, version: message.version }),
                })
              }
            >
              Supprimer
            </Button>
          )}
          {remove.error ? <Alert severity="error" small description={errorMessage(remove.error)} /> : null}
        </div>
      )}
    </li>
  );
}
