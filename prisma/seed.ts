// `tsx prisma/seed.ts`: seeds the demo data into DATABASE_URL (once; a second run changes nothing).
import { disconnect } from "../lib/db";
import { seedDemo } from "../lib/demo/seed";

try {
  const say = (line: string) => console.log(`shipboard: ${line}`);
  const { seeded } = await seedDemo({ log: say });
  say(seeded ? "seeded demo data" : "demo pipelines exist already: nothing seeded");
} finally {
  await disconnect();
}
