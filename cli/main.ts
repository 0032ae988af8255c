// `npx shipboard`: SPEC "Events and notifications" > the CLI. commander parses the
// arguments (subcommands, required options, --help); each command is one API call.
import { Command, CommanderError } from "commander";
import type { PipelineView, ReleaseView } from "../lib/views/shapes";
import type { CommitView } from "../lib/views/commits";
import { CliError, client, EXIT } from "./client";
import { watch } from "./watch";
import { commitText, pipelineText, releasesText } from "./words";

const api = client();
const program = new Command("shipboard")
  .description("Deploy status and control from the terminal (SHIPBOARD_URL, SHIPBOARD_TOKEN)")
  .option("--json", "print the API's JSON")
  .exitOverride()
  .showHelpAfterError();

const json = () => Boolean(program.opts().json);
const print = (value: unknown, text: (v: never) => string) => console.log(json() ? JSON.stringify(value, null, 2) : text(value as never));
const pipelinePath = (slug: string) => `/api/pipelines/${encodeURIComponent(slug)}`;

program
  .command("status [pipeline]")
  .description("what is live, rolling out, locked or waiting; every pipeline without an argument")
  .action(async (slug?: string) => {
    if (slug) return print(await api.get<PipelineView>(pipelinePath(slug)), pipelineText);
    print(await api.get<{ items: PipelineView[] }>("/api/pipelines"), (page: { items: PipelineView[] }) => page.items.map(pipelineText).join("\n\n"));
  });

program
  .command("lock <pipeline>")
  .description("stop continuous deployment")
  .requiredOption("--reason <text>", "why (shown to everyone)")
  .action(async (slug: string, options: { reason: string }) => print(await api.post(`${pipelinePath(slug)}/lock`, { reason: options.reason }), pipelineText));

program
  .command("unlock <pipeline>")
  .description("resume continuous deployment")
  .action(async (slug: string) => print(await api.post(`${pipelinePath(slug)}/unlock`), pipelineText));

program
  .command("promote <pipeline> <buildId>")
  .description("deploy a passed build now")
  .option("--reason <text>", "why")
  .action(async (slug: string, buildId: string, options: { reason?: string }) =>
    print(await api.post(`${pipelinePath(slug)}/promote`, { buildId: Number(buildId), reason: options.reason }), pipelineText));

program
  .command("rollback <pipeline>")
  .description("go back to the previous good release (or --to RELEASE_ID) and lock")
  .option("--to <releaseId>", "the release to go back to")
  .option("--reason <text>", "why")
  .action(async (slug: string, options: { to?: string; reason?: string }) =>
    print(await api.post(`${pipelinePath(slug)}/rollback`, { releaseId: options.to === undefined ? undefined : Number(options.to), reason: options.reason }), pipelineText));

program
  .command("releases <pipeline>")
  .description("releases, newest first")
  .option("--limit <n>", "how many", "20")
  .action(async (slug: string, options: { limit: string }) =>
    print(await api.get<{ items: ReleaseView[] }>(`${pipelinePath(slug)}/releases?limit=${encodeURIComponent(options.limit)}`), (page: { items: ReleaseView[] }) => releasesText(page.items)));

program
  .command("watch <pipeline>")
  .description("follow the rollout live; exit 0 when it succeeds, 1 when it fails")
  .action(async (slug: string) => {
    process.exitCode = await watch(api, slug, { json: json() });
  });

program
  .command("commit <sha>")
  .description("where is my change? its state on every pipeline")
  .action(async (sha: string) => print(await api.get<CommitView>(`/api/commits/${encodeURIComponent(sha)}`), commitText));

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version are not errors; a usage mistake is refused like a 400.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.refused;
  } else if (error instanceof CliError) {
    if (json() && error.body) console.log(JSON.stringify(error.body, null, 2));
    console.error(`shipboard: ${error.message}`);
    process.exitCode = error.exitCode;
  } else {
    console.error(`shipboard: ${(error as Error).message}`);
    process.exitCode = EXIT.error;
  }
}
