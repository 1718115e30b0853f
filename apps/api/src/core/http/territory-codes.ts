import { Matches } from 'class-validator';

/** A département code: two or three digits, or 2A / 2B (Corsica). */
export const IsDepartementCode = () => Matches(/^(\d{2,3}|2[AB])$/, { message: 'Code de département invalide.' });

/** A région code: two digits (INSEE). */
export const IsRegionCode = () => Matches(/^\d{2}$/, { message: 'Code de région invalide.' });
