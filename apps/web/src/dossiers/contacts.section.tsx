import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { CONTACT_FONCTION_LABELS } from '@suivi-pvd/domain';
import { useRef, useState } from 'react';
import { ContactForm } from './contact.form';
import type { Dossier, DossierContact } from './data/dossier.hooks';

/** The three people the dossier names, each editable by those who may change the dossier. */
export function ContactsSection({ dossier, onReload }: { dossier: Dossier; onReload: () => Promise<unknown> }) {
  return (
    <section aria-labelledby="contacts-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="contacts-titre" className={fr.cx('fr-h3')}>
        Contacts
      </h2>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        {dossier.contacts.map((contact) => (
          <div key={contact.fonction} className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <ContactCard pvdId={dossier.id} contact={contact} editable={dossier.droits.contacts.includes(contact.fonction)} onReload={onReload} />
          </div>
        ))}
      </div>
    </section>
  );
}

function ContactCard({
  pvdId,
  contact,
  editable,
  onReload,
}: {
  pvdId: string;
  contact: DossierContact;
  editable: boolean;
  onReload: () => Promise<unknown>;
}) {
  const [editing, setEditing] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [saved, setSaved] = useState(false);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const label = CONTACT_FONCTION_LABELS[contact.fonction];
  const headingId = `contact-${contact.fonction}`;
  const close = () => {
    setEditing(false);
    requestAnimationFrame(() => editButtonRef.current?.focus());
  };

  return (
    <div className={fr.cx('fr-p-3w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}`, height: '100%' }} role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className={fr.cx('fr-h6')}>
        {label}
      </h3>
      {editing ? (
        <ContactForm
          key={formKey}
          pvdId={pvdId}
          contact={contact}
          onDone={() => {
            setSaved(true);
            close();
          }}
          onCancel={close}
          onReload={() => void onReload().then(() => setFormKey((k) => k + 1))}
        />
      ) : (
        <>
          {contact.nom ? (
            <ul className={fr.cx('fr-raw-list', 'fr-mb-2w')}>
              <li className={fr.cx('fr-text--bold')}>{contact.nom}</li>
              {contact.qualite && <li>{contact.qualite}</li>}
              {contact.email && (
                <li>
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </li>
              )}
              {contact.telephone && <li>{contact.telephone}</li>}
            </ul>
          ) : (
            <p>Non renseigné</p>
          )}
          <p role="status" className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
            {saved ? 'Contact enregistré.' : ''}
          </p>
          {editable && (
            <Button
              ref={editButtonRef}
              priority="secondary"
              size="small"
              iconId="fr-icon-edit-line"
              nativeButtonProps={{ 'aria-label': `Modifier : ${label}` }}
              onClick={() => {
                setSaved(false);
                setFormKey((k) => k + 1);
                setEditing(true);
              }}
            >
              Modifier
            </Button>
          )}
        </>
      )}
    </div>
  );
}
