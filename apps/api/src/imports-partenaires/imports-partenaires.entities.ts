import { ImportPartenaireFichier } from './import-partenaire-fichier.entity';
import { ImportPartenaireLigne } from './import-partenaire-ligne.entity';

/** The imports-partenaires area's entities, for the application's list (apps/api/src/entities.ts). */
export const IMPORTS_PARTENAIRES_ENTITIES = [ImportPartenaireLigne, ImportPartenaireFichier];
