// `tsx prisma/seed.ts`: seeds the demo data into DATABASE_URL (once; a second run changes nothing).
import { disconnect } from "../lib/db";
import { seedDemo } from "../lib/demo/seed";

try {
  const { seeded } = await seedDemo({ log: (line) => console.log(line) });
  if (!seeded) console.log("demo pipelines exist already: nothing seeded");
} finally {
  await disconnect();
}
