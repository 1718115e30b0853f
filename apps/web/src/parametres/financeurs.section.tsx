import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useRef, useState } from 'react';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useFinanceurs } from './data/parametres.hooks';
import { DsfrTable } from './dsfr-table';
import { FinanceurCreateForm, FinanceurEditForm } from './financeur.form';
import { FINANCEURS_SECTION_ID } from './parametres-format';

const COLUMNS = ['Nom', 'Organisation partenaire liée', 'État', 'Action'];

/** The funders' list of the expertise missions: rename, link to a partner organisation, (de)activate, add. */
export function FinanceursSection() {
  const financeurs = useFinanceurs();
  const [editingId, setEditingId] = useState<string | null>(null);
  /** Bumped on « Recharger » after a conflict: the edit form reopens with the fresh version. */
  const [reloads, setReloads] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [addMessage, setAddMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const addMessageRef = useRef<HTMLDivElement>(null);
  const titleId = `${FINANCEURS_SECTION_ID}-titre`;

  const focusMessage = () => requestAnimationFrame(() => messageRef.current?.focus());
  const editButtonId = (id: string) => `financeur-${id}-modifier`;
  const editing = financeurs.data?.financeurs.find((f) => f.id === editingId);

  return (
    <section
      id={FINANCEURS_SECTION_ID}
      aria-labelledby={titleId}
      className={fr.cx('fr-p-3w', 'fr-mb-4w')}
      style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}
    >
      <h2 id={titleId} className={fr.cx('fr-h4', 'fr-mb-1w')}>
        Financeurs des missions d’expertise
      </h2>
      <p className={fr.cx('fr-text--sm', 'fr-mb-2w')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
        Les financeurs proposés à la saisie d’une mission d’expertise. Les membres de l’organisation partenaire liée saisissent les missions de
        ce financeur. Un financeur inactif n’est plus proposé pour de nouvelles missions ; ses missions restent consultables.
      </p>

      <div ref={messageRef} tabIndex={-1}>
        {message && (
          <Alert
            className={fr.cx('fr-mb-2w')}
            severity="success"
            role="status"
            small
            closable
            onClose={() => {
              setMessage(null);
              focusMessage();
            }}
            description={message}
          />
        )}
      </div>

      {financeurs.isPending && <LoadingView label="Chargement des financeurs…" />}
      {financeurs.isError && (
        <QueryErrorAlert title="Les financeurs n’ont pas pu être chargés" error={financeurs.error} onRetry={() => void financeurs.refetch()} />
      )}
      {financeurs.data && (
        <>
          {financeurs.data.financeurs.length === 0 ? (
            <p>Aucun financeur pour l’instant.</p>
          ) : (
            <DsfrTable caption="Financeurs des missions d’expertise" headers={COLUMNS}>
              {financeurs.data.financeurs.map((f) => (
                <tr key={f.id}>
                  <td>{f.nom}</td>
                  <td>{f.organisationNom ?? <span style={{ color: fr.colors.decisions.text.mention.grey.default }}>Aucune</span>}</td>
                  <td>
                    <Badge as="span" small noIcon {...(f.actif ? { severity: 'success' as const } : {})}>
                      {f.actif ? 'Actif' : 'Inactif'}
                    </Badge>
                  </td>
                  <td>
                    <Button
                      size="small"
                      priority="tertiary"
                      iconId="fr-icon-edit-line"
                      onClick={() => {
                        setMessage(null);
                        setAddMessage(null);
                        setEditingId(f.id);
                      }}
                      nativeButtonProps={{ id: editButtonId(f.id), 'aria-expanded': editingId === f.id }}
                    >
                      Modifier<span className={fr.cx('fr-sr-only')}> le financeur {f.nom}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </DsfrTable>
          )}

          {editing && (
            <div
              className={fr.cx('fr-p-3w', 'fr-mb-3w')}
              style={{
                border: `1px solid ${fr.colors.decisions.border.default.grey.default}`,
                boxShadow: `inset 4px 0 0 0 ${fr.colors.decisions.border.plain.blueFrance.default}`,
              }}
            >
              <h3 className={fr.cx('fr-h6', 'fr-mb-2w')}>Modifier le financeur « {editing.nom} »</h3>
              <FinanceurEditForm
                key={`${editing.id}-${reloads}`}
                financeur={editing}
                organisations={financeurs.data.organisationsPartenaires}
                onSaved={(nom) => {
                  setEditingId(null);
                  setMessage(`Financeur enregistré : ${nom}.`);
                  focusMessage();
                }}
                onCancel={() => {
                  setEditingId(null);
                  requestAnimationFrame(() => document.getElementById(editButtonId(editing.id))?.focus());
                }}
                onReload={() => {
                  void financeurs.refetch().then(() => setReloads((n) => n + 1));
                }}
              />
            </div>
          )}

          <div className={fr.cx('fr-p-3w', 'fr-mt-3w')} style={{
              border: `1px solid ${fr.colors.decisions.border.default.grey.default}`,
              boxShadow: `inset 4px 0 0 0 ${fr.colors.decisions.border.plain.blueFrance.default}`,
            }}>
            <h3 className={fr.cx('fr-h6', 'fr-mb-2w')}>Nouveau financeur</h3>
            <div ref={addMessageRef} tabIndex={-1}>
              {addMessage && (
                <Alert
                  className={fr.cx('fr-mb-2w')}
                  severity="success"
                  role="status"
                  small
                  closable
                  onClose={() => {
                    setAddMessage(null);
                    requestAnimationFrame(() => addMessageRef.current?.focus());
                  }}
                  description={addMessage}
                />
              )}
            </div>
            <FinanceurCreateForm
              organisations={financeurs.data.organisationsPartenaires}
              onSaved={(nom) => {
                setAddMessage(`Financeur ajouté : ${nom}. Il figure dans la liste ci-dessus.`);
                requestAnimationFrame(() => addMessageRef.current?.focus());
              }}
            />
          </div>
        </>
      )}
    </section>
  );
}
