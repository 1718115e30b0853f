import { fr } from '@codegouvfr/react-dsfr';
import { Tag } from '@codegouvfr/react-dsfr/Tag';
import { CLASSE_POPULATION_LABELS, FICHE_THEME_LABELS, frenchDay, type FicheTheme } from '@suivi-pvd/domain';
import { Link } from 'react-router';
import { formatMontant } from '../app/money-format';
import type { PublicFiche } from './data/fiches.hooks';

/** The link to a PVD's public page. */
export function pvdPublicPath(idPvd: string): string {
  return `/programme/pvd/${encodeURIComponent(idPvd)}`;
}

export function ThemeTags({ themes, small }: { themes: readonly string[]; small?: boolean }) {
  if (themes.length === 0) return null;
  return (
    <ul className={fr.cx('fr-tags-group')} aria-label="Thèmes">
      {themes.map((t) => (
        <li key={t}>
          <Tag small={small}>{FICHE_THEME_LABELS[t as FicheTheme] ?? t}</Tag>
        </li>
      ))}
    </ul>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((p, i) => (
        <p key={i} style={{ whiteSpace: 'pre-line' }}>
          {p}
        </p>
      ))}
    </>
  );
}

/**
 * A project sheet as the public reads it: the public page and the editor's preview render this
 * same component, so the preview is exactly what will be published. Never a review comment nor a
 * person: the contact is a role.
 */
export function FicheContent({ fiche, headingLevel = 1 }: { fiche: Omit<PublicFiche, 'id'> & { id?: string }; headingLevel?: 1 | 2 }) {
  const Title = headingLevel === 1 ? 'h1' : 'h2';
  const Section = headingLevel === 1 ? 'h2' : 'h3';
  const { pvd, contact } = fiche;
  const financed = fiche.financements.reduce((s, f) => s + f.montant, 0);
  return (
    <article>
      <Title>{fiche.titre || 'Sans titre'}</Title>
      <p className={fr.cx('fr-text--lead', 'fr-mb-2w')}>
        {pvd.idPvd ? <Link to={pvdPublicPath(pvd.idPvd)}>{pvd.nom}</Link> : pvd.nom}
        {pvd.departement ? ` (${pvd.departement}${pvd.region ? `, ${pvd.region}` : ''})` : ''}
      </p>
      <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>
        {pvd.classePopulation ? CLASSE_POPULATION_LABELS[pvd.classePopulation] : null}
        {fiche.publieeLe ? `${pvd.classePopulation ? ' · ' : ''}Publiée le ${frenchDay(fiche.publieeLe)}` : null}
      </p>
      <ThemeTags themes={fiche.themes} />

      {fiche.photos.length > 0 && (
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-4w')}>
          {fiche.photos.map((photo) => (
            <figure key={photo.id} className={fr.cx('fr-content-media', 'fr-col-12', 'fr-col-md-6', 'fr-my-0')} role="group" aria-label={photo.legende ?? undefined}>
              <img className={fr.cx('fr-responsive-img')} src={photo.url} alt={photo.texteAlternatif} style={{ aspectRatio: '4 / 3', objectFit: 'cover' }} />
              {photo.legende && <figcaption className={fr.cx('fr-content-media__caption')}>{photo.legende}</figcaption>}
            </figure>
          ))}
        </div>
      )}

      <Section className={fr.cx('fr-h4')}>Le projet</Section>
      {fiche.resume ? <Paragraphs text={fiche.resume} /> : <p>Non renseigné.</p>}

      <Section className={fr.cx('fr-h4')}>Résultats</Section>
      {fiche.resultats ? <Paragraphs text={fiche.resultats} /> : <p>Non renseignés.</p>}

      <Section className={fr.cx('fr-h4')}>Budget et financements</Section>
      <p>Budget total : {fiche.budgetTotal === null ? 'non renseigné' : formatMontant(fiche.budgetTotal)}</p>
      {fiche.financements.length > 0 && (
        <div className={fr.cx('fr-table', 'fr-table--no-caption')}>
          <table>
            <caption>Financements du projet</caption>
            <thead>
              <tr>
                <th scope="col">Financeur</th>
                <th scope="col" className={fr.cx('fr-cell--right')}>
                  Montant
                </th>
              </tr>
            </thead>
            <tbody>
              {fiche.financements.map((f, i) => (
                <tr key={i}>
                  <td>{f.financeur}</td>
                  <td className={fr.cx('fr-cell--right')}>{formatMontant(f.montant)}</td>
                </tr>
              ))}
              {fiche.budgetTotal !== null && fiche.budgetTotal > financed && (
                <tr>
                  <td>Reste (autofinancement et autres)</td>
                  <td className={fr.cx('fr-cell--right')}>{formatMontant(fiche.budgetTotal - financed)}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}

      {fiche.partenaires.length > 0 && (
        <>
          <Section className={fr.cx('fr-h4')}>Partenaires</Section>
          <ul>
            {fiche.partenaires.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </>
      )}

      <Section className={fr.cx('fr-h4')}>Contact</Section>
      {contact.fonction || contact.email || contact.telephone ? (
        <address style={{ fontStyle: 'normal' }}>
          {contact.fonction && <strong>{contact.fonction}</strong>}
          {contact.organisation && (
            <>
              <br />
              {contact.organisation}
            </>
          )}
          {contact.email && (
            <>
              <br />
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </>
          )}
          {contact.telephone && (
            <>
              <br />
              <a href={`tel:${contact.telephone.replace(/[^+0-9]/g, '')}`}>{contact.telephone}</a>
            </>
          )}
        </address>
      ) : (
        <p>Non renseigné.</p>
      )}
    </article>
  );
}
