import { IndicateursVersion } from './indicateurs-version.entity';
import { ValeurReference } from './valeur-reference.entity';

/** The indicateurs area's entities, for the application's list (apps/api/src/entities.ts). */
export const INDICATEURS_ENTITIES = [ValeurReference, IndicateursVersion];
