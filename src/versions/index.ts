/** The historical versions of the SMG registry, oldest first. */
import type { Implementation } from '../types.ts';
import { head } from './head.ts';
import { pre714 } from './pre714.ts';
import { r0 } from './r0.ts';
import { v756 } from './v756.ts';
import { v836 } from './v836.ts';
import { v1113 } from './v1113.ts';

export const VERSIONS: readonly Implementation[] = [pre714, v756, r0, v836, v1113, head];
