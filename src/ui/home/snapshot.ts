/** The build-time Home rows (scripts/home-snapshot.ts), checked; null when the build has none. */
import raw from 'virtual:home-snapshot';
import { checkHomeSnapshot, type HomeSnapshot } from '../../core/catalogue/home';

export const homeSnapshot: HomeSnapshot | null = checkHomeSnapshot(raw);
