/** The historical versions of the SMG registry, oldest first. */
import type { Implementation } from '../types.ts';
import { r0 } from './r0.ts';

export const VERSIONS: readonly Implementation[] = [r0];
