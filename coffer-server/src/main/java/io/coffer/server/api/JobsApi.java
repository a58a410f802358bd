package io.coffer.server.api;

import static io.coffer.server.ApiServer.BASE;

import io.coffer.catalog.access.Role;
import io.coffer.catalog.job.JobState;
import io.coffer.engine.Coffer;
import io.coffer.engine.job.JobService;
import io.coffer.server.http.QueryParams;
import io.coffer.server.http.Routes;
import java.time.Duration;
import java.util.Map;

/** The job queue agents carry out: list, show, log, abort. */
final class JobsApi {

  private JobsApi() {}

  /** The answer to a request that queued a job: 202, Location of the job, and the job. */
  static void accepted(io.javalin.http.Context ctx, io.coffer.catalog.job.Job job) {
    ctx.status(202).header("Location", BASE + "/jobs/" + job.id()).json(job);
  }

  static void declare(Routes routes, Coffer coffer) {
    routes.get(BASE + "/jobs", Role.VIEWER, "List jobs, newest first.")
        .query("state", "string", "QUEUED, RUNNING, SUCCEEDED, FAILED, ABORTED or SKIPPED")
        .query("limit", "integer", "at most this many (1-10000, default 50)")
        .handle(ctx -> ctx.json(coffer.jobs().list(QueryParams.string(ctx, "state").map(JobState::parse).orElse(null),
            QueryParams.limit(ctx, 50, 10_000))));
    routes.get(BASE + "/jobs/{id}", Role.VIEWER, "Show a job: state, agent, lease, live progress, error.")
        .query("wait", "integer", "milliseconds to wait for the job to end before answering (0-"
            + JobService.MAX_AWAIT.toMillis() + ", default 0): the job as it ended, or as it stands then;"
            + " how a client following a job sees its end at once")
        .handle(ctx -> {
          long id = QueryParams.id(ctx, "id");
          int wait = QueryParams.integer(ctx, "wait", 0, (int) JobService.MAX_AWAIT.toMillis()).orElse(0);
          ctx.json(wait == 0 ? coffer.jobs().show(id) : coffer.jobs().await(id, Duration.ofMillis(wait)));
        });
    routes.get(BASE + "/jobs/{id}/log", Role.VIEWER, "A job's log: what its agent did, step by step.")
        .handle(ctx -> {
          long id = QueryParams.id(ctx, "id");
          ctx.json(Map.of("id", id, "log", coffer.jobs().log(id)));
        });
    routes.post(BASE + "/jobs/{id}/abort", Role.OPERATOR,
            "Abort a job: a queued one at once; a running one is stopped by its agent within seconds.")
        .handle(ctx -> ctx.json(coffer.jobs().abort(QueryParams.id(ctx, "id"))));
  }
}
