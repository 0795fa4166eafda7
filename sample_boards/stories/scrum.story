# Support ticket routing — the Scrum sample board (sample_boards/scrum.json).
#
# A support-ticket routing team works in two-week sprints, Wednesday to Tuesday, from September
# to the end of November 2026. Routing accuracy on the frozen Q3 holdout rises from 0.871 (the
# TF-IDF baseline, sprint 1) to 0.911 (the ensemble, in the active sprint 6).
#
# How to read and edit it: every change is one line, its time (UTC) then what happens;
# indented lines under it give its details. Cards are named by their ids: `add` gives the
# next one, so a card added in the middle renumbers the cards after it. The verbs are listed
# in sample_boards/stories/README.md; `python sample_boards/generate.py` plays this story and
# rewrites scrum.json.

board "Support ticket routing" key TR mode scrum
seed 20260902   # draws the random part of event keys, so the file is the same bytes every run

# --- week 0: the team sets the board up and writes the product backlog -----------------------

day 2026-09-02   # Wednesday
09:23:17 person priya "Priya Raman" product-owner
09:24:53 person marcus "Marcus Hale" scrum-master
09:28:15 person lena "Lena Vogt" ml-engineer
09:31:59 person tomas "Tomás Ortega" ml-engineer
09:34:28 person aisha "Aisha Bello" data-engineer
09:37:57 person kenji "Kenji Mori" data-engineer ml-engineer
09:41:09 person rosa "Rosa Delgado" domain-expert
09:44:46 person sam "Sam Okafor" analyst
09:45:50 compute a100 120
09:48:11 pipeline ticket-ingest produces tickets-2026q3 tickets-2026q4
09:51:24 pipeline labeling-export produces labeled-intents-v1 labeled-intents-v2
09:59:42 pipeline holdout-sampler produces holdout-q3 holdout-nov
10:01:57 pipeline feature-build produces ticket-features
10:05:55 pipeline kb-embedder produces kb-article-embeddings
10:08:57 dataset labeled-intents-v1 validated
10:13:11 dataset tickets-2026q3 requested
10:14:36 dataset kb-article-embeddings available
10:24:43 column doing wip 5
10:26:08 column review wip 3
14:03:03 add TR-1 data "Ingest Q3 support tickets from the Zendesk export"
    points: 3
    assignee: aisha
    roles: data-engineer
    datasets: tickets-2026q3
    description: Pull Jul–Sep tickets (≈412k) from the nightly Zendesk export bucket into the
      lake: one row per ticket with the first customer message, the queue it was resolved in,
      channel, product and locale.
14:13:05 add TR-2 data "Validate the Q3 ticket export: schema, duplicates, empty bodies"
    points: 3
    assignee: kenji
    roles: data-engineer
    depends on: TR-1
    datasets: tickets-2026q3
    description: Great Expectations suite on the export: required columns, one queue per ticket,
      no duplicate ticket ids across daily files, body not empty after trimming.
14:29:30 add TR-3 data "Clean ticket text: strip signatures, quoted replies, HTML and PII"
    points: 5
    assignee: aisha
    roles: data-engineer
    depends on: TR-2
    datasets: tickets-2026q3
    description: Email tickets carry whole reply chains and signatures; keep the first customer
      message only. Mask emails, phone numbers and order ids before anything leaves the lake.
14:39:41 add TR-4 data "Freeze the Q3 holdout: 5k tickets stratified by queue"
    points: 3
    assignee: sam
    roles: analyst
    depends on: TR-2
    datasets: holdout-q3
    description: Sample 5,000 tickets stratified by queue and channel, have support leads confirm
      the final queue, and freeze it. Every model is compared on this set.

day 2026-09-03   # Thursday
08:42:10 pipeline ticket-ingest ok
    note: first full Q3 export so far: 388,102 tickets (Jul 1 – Sep 2)
08:49:28 dataset tickets-2026q3 available
11:02:52 add TR-5 engineering "Feature pipeline: TF-IDF plus ticket metadata (channel, product, locale)"
    points: 5
    assignee: kenji
    roles: data-engineer
    depends on: TR-3
    datasets: tickets-2026q3 ticket-features
    description: Batch job producing the ticket-features table consumed by training and by the
      serving path, so both compute features the same way.
11:23:41 add TR-6 engineering "Evaluation harness: accuracy, macro-F1, per-queue precision/recall with CIs"
    points: 5
    assignee: tomas
    roles: ml-engineer
    depends on: TR-4
    description: One command scores a model on the frozen holdout, prints 95% bootstrap confidence
      intervals and logs the results to the board with `mlboard log`.
11:25:40 add TR-7 experiment "Baseline router: TF-IDF + logistic regression"
    points: 3
    assignee: lena
    roles: ml-engineer
    depends on: TR-5 TR-4
    datasets: tickets-2026q3 holdout-q3
    criteria: accuracy>=0.85@holdout macro_f1>0.75@holdout
    description: The simplest model that could work, to know what every later idea has to beat.
    hypothesis: A linear model on TF-IDF and ticket metadata routes at least 85% of tickets to the
      right queue.
    evaluation: Train on tickets-2026q3 (5-fold CV for C), score once on the frozen 5k holdout.
    conclusive if: Accuracy on the holdout with a 95% bootstrap CI narrower than ±1 point.
11:34:39 add TR-8 engineering "Deploy router v1 behind /route in shadow mode"
    points: 5
    assignee: tomas
    roles: ml-engineer
    depends on: TR-7 TR-6
    description: Serve the baseline next to the manual triage for two weeks; agents keep routing
      by hand, we log what the router would have done.

day 2026-09-04   # Friday
15:05:35 add TR-9 engineering "Tokenized-text features for transformer models"
    points: 3
    assignee: kenji
    roles: ml-engineer
    depends on: TR-3
    datasets: tickets-2026q3
    description: Pre-tokenize cleaned tickets (max 256 tokens, head+tail truncation) into sharded
      Arrow files on the GPU cluster's scratch volume.
15:17:54 add TR-10 experiment "Fine-tune DistilBERT on labeled-intents-v1"
    points: 8
    assignee: lena
    roles: ml-engineer
    depends on: TR-9 TR-6
    datasets: labeled-intents-v1 holdout-q3
    gpu hours: 36
    gpu pool: a100
    criteria: accuracy>0.88@holdout macro_f1>0.80@holdout
    description: First transformer router; small enough to serve on CPU if it pays off.
    hypothesis: A fine-tuned DistilBERT beats the TF-IDF baseline by at least 1 point of accuracy,
      mostly on long email tickets.
    evaluation: 3–4 epochs, lr sweep {2e-5, 5e-5}, max 256 tokens; holdout accuracy and macro-F1 with
      paired bootstrap against the baseline.
    conclusive if: Paired bootstrap p < 0.05 on holdout accuracy, or two sprints spent.
    time-box: 2
15:32:14 add TR-11 data "Labeling guideline v2: split billing into dispute, refund and invoice"
    points: 3
    assignee: rosa
    roles: domain-expert
    description: Half of the baseline's billing errors are refund requests. Rewrite the guideline
      with examples so that labelers and the router agree on the boundaries.
15:33:50 add TR-12 tech-debt "Move notebook-only preprocessing into the training package"
    points: 3
    assignee: lena
    roles: ml-engineer
    description: Lowercasing and URL masking happen in a notebook cell that serving does not run:
      train/serve skew waiting to happen.

day 2026-09-07   # Monday
10:09:33 add TR-13 engineering "Route chat tickets too (email and web form only today)"
    points: 8
    description: Chat messages are shorter and arrive in pieces; route on the first three messages
      or after 60 seconds.
10:16:14 add TR-14 engineering "Show agents the top phrases behind a routing decision"
    points: 5
    description: Support leads want to see why a ticket went where it went; start with token
      attributions for the TF-IDF half of the ensemble.
10:32:15 add TR-15 tech-debt "Migrate the feature pipeline off pandas 1.5"
    points: 3
    roles: data-engineer
    description: Blocks the Python 3.12 upgrade of the data images.
10:35:35 add TR-16 data "Investigate duplicate tickets opened on two channels"
    points: 2
    description: Customers who email and then chat create two tickets; count them and decide
      whether to drop the second one from training.

# --- sprint 1, Baseline (Sep 9–22): ingest, validate and clean the Q3 tickets, freeze a
#     holdout, build the features, train the TF-IDF baseline -------------------------------
day 2026-09-09   # Wednesday
10:11:02 sprint new Baseline
    goal: A reproducible baseline router, measured on a frozen Q3 holdout
    start: 2026-09-09
    days: 14
    measure: accuracy>=0.87@holdout
10:33:27 sprint add TR-1 TR-2 TR-3 TR-4 TR-5 TR-6 TR-7 TR-8
11:01:07 sprint start
11:39:38 move TR-1 doing

day 2026-09-10   # Thursday
10:43:45 move TR-6 doing
15:05:33 move TR-1 review

day 2026-09-11   # Friday
09:49:25 move TR-1 done
09:52:30 pipeline ticket-ingest ok
    note: Q3 complete: 412,318 tickets
10:24:08 move TR-2 doing

day 2026-09-14   # Monday
10:07:25 move TR-4 doing
14:13:45 move TR-2 review
16:44:08 move TR-2 done
16:46:16 dataset tickets-2026q3 validated
16:48:20 move TR-3 doing

day 2026-09-15   # Tuesday
09:53:11 block TR-4 review
    note: Waiting for two support leads to confirm the queue of 312 disputed tickets
14:54:46 unblock TR-4 review
15:06:20 move TR-4 review
16:06:56 move TR-6 review

day 2026-09-16   # Wednesday
09:41:20 move TR-4 done
09:43:49 pipeline holdout-sampler ok
    note: holdout-q3 frozen: 5,000 tickets, seed 7
09:50:14 dataset holdout-q3 validated
11:09:30 move TR-6 done
15:05:45 move TR-3 review

day 2026-09-17   # Thursday
10:06:32 move TR-3 done
10:30:46 move TR-5 doing

day 2026-09-18   # Friday
11:07:10 move TR-5 review
15:32:46 move TR-5 done
15:43:55 pipeline feature-build ok
    note: ticket-features v1: tf-idf 50k terms + 3 metadata fields
15:45:50 dataset ticket-features available
16:06:48 move TR-7 doing

day 2026-09-21   # Monday
14:32:26 log TR-7 accuracy=0.871 macro_f1=0.792 precision=0.884 recall=0.861
    note: tf-idf 50k + LR C=4; 95% CI accuracy ±0.9 pt
14:44:08 log TR-7 accuracy=0.866 macro_f1=0.781 on validation
15:11:00 move TR-7 review

day 2026-09-22   # Tuesday
10:32:48 move TR-7 done
10:43:45 outcome TR-7 adopted
    note: Adopted as router v1 and the baseline every later experiment is compared with. Weakest
      queues: billing-dispute (F1 0.61) and legal (F1 0.55).
10:51:36 analysis TR-7
    failure: billing vs account: 41% of all errors; refund questions asked as account questions
    failure: legal: GDPR deletion requests land in account (no 'legal' vocabulary in them)
    failure: web-form tickets under 12 words: accuracy 0.74 vs 0.90 above
11:06:24 move TR-8 doing
11:19:02 block TR-8 other
    note: Platform team has to create the /route namespace and service account
# refinement, planning of sprint 2, then the review closes sprint 1: unfinished cards carry
# over, each with a line that says why; the retro follows
13:13:09 add TR-17 experiment "Class-weighted loss for the rare queues (billing-dispute, legal)"
    points: 3
    assignee: tomas
    roles: ml-engineer
    depends on: TR-7
    datasets: tickets-2026q3 holdout-q3
    gpu hours: 12
    gpu pool: a100
    criteria: macro_f1>0.81@holdout accuracy>=0.866@holdout
    description: Legal and billing-dispute are 4% of tickets and the baseline's worst queues.
    hypothesis: Inverse-frequency class weights raise macro-F1 by 2 points while losing at most
      half a point of accuracy.
    evaluation: Same model and split as the baseline, weights from training frequencies.
    conclusive if: Macro-F1 and accuracy CIs on the holdout both clear of the thresholds.
14:05:26 sprint new "First transformer"
    goal: Beat the baseline with a fine-tuned transformer
    start: 2026-09-23
    days: 14
    measure: accuracy>0.88@holdout
14:25:32 sprint add TR-9 TR-10 TR-17 TR-11 TR-12
16:43:57 sprint close
    TR-8: Namespace promised for Thursday; code is ready
17:03:29 retro S1 aisha went-well
    note: Ingest to frozen holdout in one sprint; the validation suite caught 2,914 duplicates
17:12:33 retro S1 tomas to-improve
    note: Deployment needs platform work we did not ask for at planning

# --- sprint 2, First transformer (Sep 23 – Oct 6): DistilBERT waits on GPUs ---------------
day 2026-09-23   # Wednesday
10:40:49 sprint start
11:07:04 move TR-9 doing

day 2026-09-24   # Thursday
09:32:06 unblock TR-8 other
10:12:57 move TR-10 doing
10:19:42 block TR-10 compute
    note: a100 pool fully booked by the search team's re-index until Monday

day 2026-09-25   # Friday
10:09:07 move TR-17 doing
15:02:34 move TR-8 review
16:10:34 move TR-9 review

day 2026-09-28   # Monday
# the Zendesk export breaks on the Monday of week 2; a backfill card joins the sprint
07:44:27 pipeline ticket-ingest failing
    note: Zendesk API pagination change: export stops at 100,000 rows since Sep 24
09:16:50 unblock TR-10 compute
09:46:43 move TR-9 done
10:19:31 add TR-18 data "Backfill Sep 24–28 tickets lost in the truncated export"
    points: 2
    assignee: aisha
    roles: data-engineer
    datasets: tickets-2026q3
    sprint: current
    description: The Zendesk API changed its pagination and the export stopped at 100k rows for
      five days. Re-export those days and re-run validation.
10:33:42 move TR-18 doing
10:34:52 block TR-18 pipeline
    note: ticket-ingest failing; waiting for the cursor-based pagination fix
11:12:18 move TR-11 doing

day 2026-09-29   # Tuesday
10:00:23 move TR-8 done
11:10:59 block TR-10 training
    note: Run 1 (3 epochs, lr 5e-5) on 4×A100, about 20 hours
15:54:06 pipeline ticket-ingest ok
    note: cursor pagination; Sep 24–28 re-exported
16:10:52 unblock TR-18 pipeline

day 2026-09-30   # Wednesday
09:20:20 unblock TR-10 training
10:04:51 move TR-18 review
10:33:11 move TR-12 doing
11:11:36 log TR-17 accuracy=0.866 macro_f1=0.804 precision=0.871 recall=0.858
    note: inverse-frequency weights
15:09:47 move TR-18 done
16:08:33 move TR-17 review

day 2026-10-01   # Thursday
14:29:09 outcome TR-17 eliminated
    note: Macro-F1 +1.2 pt, but accuracy −0.5 pt: agents would see more misroutes on the big
      queues. Rare queues need more labels or a loss that does not tax the rest (focal loss in the
      backlog).
14:32:49 move TR-17 done
14:50:17 add TR-19 experiment "Focal loss instead of class weights for the rare queues"
    points: 3
    roles: ml-engineer
    datasets: labeled-intents-v2 holdout-q3
    gpu hours: 20
    gpu pool: a100
    description: Follow-up of the eliminated class-weight experiment.
    hypothesis: Focal loss (γ=2) lifts macro-F1 by a point without the accuracy loss class weights
      caused.
    evaluation: Retrain v3 with focal loss, two seeds, paired bootstrap.
    conclusive if: Macro-F1 gain CI above 0 and accuracy within 0.3 point.
16:03:46 log TR-10 accuracy=0.874 macro_f1=0.801 precision=0.886 recall=0.866
    note: run 1: 3 epochs, lr 5e-5, 256 tokens; under the 0.88 target

day 2026-10-02   # Friday
10:06:07 move TR-11 review

day 2026-10-05   # Monday
11:05:43 add TR-20 engineering "Canary router v2 (DistilBERT) on 10% of email tickets"
    points: 5
    assignee: tomas
    roles: ml-engineer
    depends on: TR-10 TR-8
    criteria: accuracy>=0.88@canary
    description: Route 10% of email tickets with v2 for a week; agents re-route by hand when it is
      wrong, which is our online accuracy signal.
11:08:39 add TR-21 experiment "Add customer plan tier and product area as model inputs"
    points: 3
    assignee: lena
    roles: ml-engineer
    depends on: TR-10
    datasets: ticket-features holdout-q3
    gpu hours: 10
    gpu pool: a100
    description: Enterprise customers write about SSO and invoices; free users about passwords.
      The CRM knows the tier.
    hypothesis: Plan tier and product area add at least 0.5 point of accuracy.
    evaluation: DistilBERT with two metadata embeddings concatenated to [CLS]; paired bootstrap on the
      holdout.
    conclusive if: CI of the accuracy difference excludes 0.
11:15:02 add TR-22 experiment "Machine-translate non-English tickets before routing"
    points: 3
    assignee: tomas
    roles: ml-engineer
    datasets: holdout-q3
    criteria: accuracy>0.85@holdout-non-english
    description: 9% of tickets are Spanish or Portuguese; the router sees English in training
      almost only.
    hypothesis: Translating non-English tickets to English lifts accuracy on that slice from 0.79
      to above 0.85.
    evaluation: Translate the 451 non-English holdout tickets with the vendor API, route with router
      v1, compare on the slice and overall.
    conclusive if: Slice accuracy CI above 0.85, at an added p95 latency under 200 ms.
11:24:34 add TR-23 data "Relabel 3k ambiguous tickets (billing vs account) with support leads"
    points: 5
    assignee: rosa
    roles: domain-expert
    depends on: TR-11
    datasets: labeled-intents-v2
    description: Tickets where two labelers disagreed or the router v1 was least sure, relabeled
      under guideline v2 by the labeling vendor and spot-checked by Rosa.
11:27:35 add TR-24 tech-debt "Pin tokenizer and model versions across training and serving"
    points: 2
    assignee: lena
    roles: ml-engineer
    description: Serving pulled a newer tokenizer revision than training used; pin both by hash
      and check it at container start.
11:39:49 add TR-25 tech-debt "Retry and alert on partial Zendesk exports"
    points: 2
    assignee: aisha
    roles: data-engineer
    description: Retro action from sprint 2: compare row counts with the API's total and fail
      loudly instead of writing a short file.
11:43:40 add TR-26 data "Audit the PII scrub on 500 random cleaned tickets"
    points: 2
    assignee: kenji
    roles: data-engineer
    depends on: TR-3
    description: Manual check requested by legal before ticket text goes to the GPU cluster: count
      missed emails, phone numbers, addresses and card numbers.
15:07:13 move TR-12 review

day 2026-10-06   # Tuesday
09:38:25 move TR-11 done
14:03:14 sprint new "Router v2"
    goal: DistilBERT router v2 in canary on email tickets
    start: 2026-10-07
    days: 14
    measure: accuracy>0.88@holdout
14:26:23 sprint add TR-20 TR-21 TR-22 TR-23 TR-24 TR-25 TR-26
16:40:51 sprint close
    TR-10: Run 1 at 0.874; run 2 with lr 2e-5 and 4 epochs planned, time-box 2 sprints
    TR-12: In review, two comments left
17:04:14 retro S2 aisha to-improve
    note: The truncated export went unnoticed for four days
    card: TR-25
17:13:05 retro S2 marcus action
    note: Alert on partial exports (row count vs API total)
    card: TR-25
17:14:29 retro S2 lena went-well
    note: Eliminating class weights took three days thanks to the harness

# --- sprint 3, Router v2 (Oct 7–20): DistilBERT adopted and in canary; translation
#     eliminated; the relabeling waits on the vendor -------------------------------------
day 2026-10-07   # Wednesday
10:36:19 sprint start
11:08:50 move TR-21 doing
11:15:37 move TR-22 doing
14:00:32 move TR-12 done

day 2026-10-08   # Thursday
09:44:13 log TR-21 accuracy=0.876 macro_f1=0.803
    note: run-1 recipe + plan tier + product area
10:05:32 move TR-25 doing
11:10:09 move TR-23 doing
11:18:28 dataset labeled-intents-v2 requested
16:10:34 log TR-22 accuracy=0.803 on holdout-non-english
    note: 451 Spanish/Portuguese tickets, translated, router v1
16:12:55 log TR-22 accuracy=0.872
    note: overall with translation; +410 ms p95 per non-English ticket

day 2026-10-09   # Friday
10:09:46 block TR-23 data
    note: Labeling vendor delivers batch 1 (1.5k tickets) on Oct 22
    eta: 2026-10-22
11:07:50 log TR-10 accuracy=0.883 macro_f1=0.812 precision=0.893 recall=0.874
    note: run 2: 4 epochs, lr 2e-5; paired bootstrap vs v1 p=0.003
11:12:54 move TR-10 review
11:41:41 move TR-24 doing

day 2026-10-12   # Monday
10:03:14 move TR-21 review
11:02:13 move TR-10 done
11:09:39 outcome TR-10 adopted
    note: Adopted as router v2: +1.2 pt accuracy over v1 (p=0.003). Gains on long email tickets;
      short web-form tickets unchanged.
15:03:35 move TR-21 done
15:10:59 outcome TR-21 inconclusive
    note: −0.7 pt vs run 1 with the same recipe, inside the ±0.9 pt CI. Plan tier is missing for
      31% of tickets; retry once the CRM join is fixed.
16:09:31 move TR-25 review

day 2026-10-13   # Tuesday
10:08:14 move TR-22 review
10:11:52 move TR-26 doing
10:43:48 move TR-20 doing
11:06:33 move TR-25 done
15:09:25 move TR-24 review

day 2026-10-14   # Wednesday
10:07:57 move TR-22 done
10:12:02 outcome TR-22 eliminated
    note: Slice accuracy 0.79 → 0.80 only, +410 ms p95 and a new vendor. Revisit with a
      multilingual encoder instead.
10:15:23 dataset tickets-es-pt missing from labeling-export
10:30:05 add TR-27 data "Label 2k Spanish and Portuguese tickets for the multilingual router"
    points: 3
    assignee: kenji
    roles: domain-expert
    datasets: tickets-es-pt
    description: 9% of tickets are Spanish or Portuguese and route worst (accuracy 0.79 on that
      slice). Needs a support lead who reads both languages to check labels.
10:33:46 add TR-28 experiment "Multilingual encoder (XLM-R) for Spanish and Portuguese tickets"
    points: 8
    assignee: lena
    roles: ml-engineer
    depends on: TR-27
    datasets: tickets-es-pt holdout-q3
    gpu hours: 70
    gpu pool: a100
    description: Translation was too slow; try one model for all languages.
    hypothesis: XLM-R-base routes Spanish and Portuguese tickets as well as English ones.
14:02:14 move TR-24 done

day 2026-10-15   # Thursday
11:02:13 move TR-20 review
11:06:06 block TR-20 review
    note: Security review of the new model container (CVE scan, base image)
16:04:39 move TR-26 review

day 2026-10-16   # Friday
10:10:03 move TR-26 done

day 2026-10-19   # Monday
09:38:25 unblock TR-20 review
10:00:42 move TR-20 done
14:05:48 add TR-29 experiment "DeBERTa-v3-base encoder for the router"
    points: 8
    assignee: lena
    roles: ml-engineer
    depends on: TR-10
    datasets: labeled-intents-v1 holdout-q3
    gpu hours: 80
    gpu pool: a100
    criteria: accuracy>=0.89@holdout macro_f1>0.83@holdout
    description: Larger encoder, same data; the question is whether the gain pays for the serving
      cost.
    hypothesis: DeBERTa-v3-base adds at least one point of accuracy over DistilBERT.
    evaluation: 4 epochs on 8×A100, lr 2e-5, two seeds; paired bootstrap against router v2.
    conclusive if: Both seeds above 0.89 on the holdout with the CI of the gain above 0.
14:07:59 add TR-30 experiment "Zero-shot routing with an instruction-tuned LLM"
    points: 5
    assignee: tomas
    roles: ml-engineer
    datasets: holdout-q3
    gpu hours: 20
    gpu pool: a100
    criteria: accuracy>=0.89@holdout latency_p95_ms<500@offline-bench
    description: If a prompted LLM routes as well as a trained model, we drop the labeling loop
      altogether.
    hypothesis: A 8B instruction-tuned model with queue descriptions in the prompt matches router
      v2's accuracy without task-specific training.
    evaluation: Prompt with the queue descriptions from the support wiki, constrained decoding to
      queue names, score the holdout.
    conclusive if: Accuracy within one point of v2 at p95 latency under 500 ms.
14:24:41 add TR-31 engineering "Serve the transformer router under p95 150 ms on CPU (ONNX, int8)"
    points: 5
    assignee: tomas
    roles: ml-engineer
    depends on: TR-29
    criteria: latency_p95_ms<150@shadow
    description: The routing API runs on CPU nodes; export to ONNX, quantize to int8 and measure
      p95 at 40 requests per second in shadow.
14:27:59 add TR-32 tech-debt "Fix the flaky ingest integration test (timezone of export dates)"
    points: 1
    assignee: aisha
    roles: data-engineer
    description: Fails between 00:00 and 02:00 UTC because the export is named in Europe/Berlin
      time.

day 2026-10-20   # Tuesday
09:10:16 log TR-20 accuracy=0.886 on canary
    note: first 4 days, 2,310 email tickets, agent re-routes as errors
14:04:33 sprint new "Bigger encoder"
    goal: Stronger encoder and cleaner labels: 89% on the holdout
    start: 2026-10-21
    days: 14
    measure: accuracy>=0.89@holdout
14:18:14 sprint add TR-29 TR-30 TR-31 TR-32 TR-14
16:35:48 sprint close
    TR-23: Vendor batch due Oct 22; guideline v2 signed off
17:08:17 retro S3 rosa went-well
    note: Guideline v2 examples made labelers agree 94% of the time (was 81%)
17:11:59 retro S3 tomas to-improve
    note: Security review found late: ask for it when a container changes, not at deploy

# --- sprint 4, Bigger encoder (Oct 21 – Nov 3): DeBERTa adopted as router v3; the
#     zero-shot LLM eliminated in four days -----------------------------------------------
day 2026-10-21   # Wednesday
10:35:43 sprint start
11:13:01 move TR-32 doing
11:24:34 move TR-29 doing

day 2026-10-22   # Thursday
09:15:51 unblock TR-23 data
09:17:12 dataset labeled-intents-v2 available
10:06:21 move TR-30 doing
15:02:34 move TR-32 review

day 2026-10-23   # Friday
09:43:04 edit TR-14
    sprint: backlog
09:45:19 move TR-14 backlog
10:02:32 move TR-32 done
16:13:17 block TR-29 training
    note: DeBERTa-v3-base, 4 epochs on 8×A100: about 19 hours, seed 1 of 2
    eta: 2026-10-24

day 2026-10-26   # Monday
09:41:38 unblock TR-29 training
10:00:08 log TR-29 accuracy=0.889 macro_f1=0.828
    note: seed 1
10:37:31 block TR-29 compute
    note: Seed 2 queued: the pool has 18 of 120 GPU hours left this sprint
15:06:11 move TR-23 review

day 2026-10-27   # Tuesday
11:04:11 move TR-23 done
11:05:15 log TR-30 accuracy=0.842 macro_f1=0.771
    note: 8B instruct model, constrained decoding; $0.004 per ticket
11:07:18 log TR-30 latency_p95_ms=2300 on offline-bench
    note: vLLM on one A100, batch 8
16:10:31 move TR-30 review

day 2026-10-28   # Wednesday
09:08:10 unblock TR-29 compute
14:08:47 move TR-30 done
14:14:01 outcome TR-30 eliminated
    note: 4.1 pt under router v2 and p95 2.3 s. It fails on our own queue names (legal vs
      compliance). Not worth another sprint.

day 2026-10-30   # Friday
10:08:58 log TR-29 accuracy=0.894 macro_f1=0.834 precision=0.903 recall=0.887
    note: seed 2; mean of both seeds 0.892
10:24:17 move TR-29 review

day 2026-11-02   # Monday
10:00:58 move TR-29 done
10:11:22 outcome TR-29 adopted
    note: Adopted as router v3: +1.1 pt over v2, both seeds above 0.889. Needs int8 on CPU to meet
      the latency budget.
10:44:56 move TR-31 doing
15:07:50 log TR-31 latency_p95_ms=212 on shadow
    note: fp32 ONNX
16:05:25 add TR-33 engineering "Daily accuracy monitor on agent-corrected tickets"
    points: 3
    assignee: kenji
    roles: data-engineer
    description: Every ticket an agent re-routes is a labeled error; a daily job reports online
      accuracy per queue and alerts below 0.85.
16:08:57 add TR-34 tech-debt "Make training runs reproducible: seeds, cuDNN determinism, data order"
    points: 2
    assignee: lena
    roles: ml-engineer
    description: Two runs of the same config differed by 0.4 points; we cannot tell a real gain
      from noise that way.

day 2026-11-03   # Tuesday
11:04:30 add TR-35 experiment "Retrain DeBERTa on labeled-intents-v2 (guideline v2 relabels)"
    points: 5
    assignee: lena
    roles: ml-engineer
    depends on: TR-23 TR-29
    datasets: labeled-intents-v2 ticket-features holdout-q3
    gpu hours: 40
    gpu pool: a100
    criteria: accuracy>=0.90@holdout macro_f1>0.85@holdout
    description: Same model as v3, better labels: how much of the remaining error is label noise?
    hypothesis: Relabeled billing/account tickets cut billing↔account confusions by a third and
      lift accuracy to 0.90.
    evaluation: Retrain the v3 recipe on labels v2; holdout accuracy, macro-F1 and the billing/account
      confusion count.
    conclusive if: Accuracy CI above 0.895 and fewer billing↔account errors than v3.
11:06:07 add TR-36 experiment "Active learning: label the 2k tickets the router is least sure about"
    points: 5
    assignee: lena
    roles: ml-engineer domain-expert
    depends on: TR-29
    datasets: tickets-2026q4 holdout-q3
    gpu hours: 16
    gpu pool: a100
    description: Spend the next labeling budget where the model is uncertain instead of at random.
    hypothesis: 2k uncertainty-sampled labels help more than 2k random ones.
    evaluation: Two retrains of v3 (+2k uncertain, +2k random) on the same split; paired bootstrap
      between them.
    conclusive if: CI of the difference excludes 0.
11:15:42 add TR-37 experiment "Confidence threshold: send low-confidence tickets to human triage"
    points: 3
    assignee: tomas
    roles: ml-engineer
    depends on: TR-35
    datasets: holdout-q3
    criteria: precision>0.92@holdout recall>0.85@holdout
    description: The source of the PO's ask: better no routing than a wrong one on legal and
      billing-dispute tickets.
    hypothesis: Temperature-scaled v3 can auto-route 85% of tickets with precision above 0.92.
    evaluation: Calibrate on the validation split, sweep the threshold, report precision and recall of
      the auto-routed share on the holdout.
    conclusive if: A threshold with precision>0.92 at recall>0.85 on the holdout, or none.
11:17:43 add TR-38 experiment "Distil the DeBERTa router into a 6-layer student for CPU serving"
    points: 5
    assignee: tomas
    roles: ml-engineer
    depends on: TR-35
    datasets: labeled-intents-v2 holdout-q3
    gpu hours: 60
    gpu pool: a100
    criteria: accuracy>=0.895@holdout latency_p95_ms<60@shadow
    description: v3 meets the latency budget only with int8 and two CPU replicas more than
      planned.
    hypothesis: A 6-layer student keeps accuracy within 0.7 point of v3 at half the p95 latency.
    evaluation: Logit distillation on labels v2 plus 200k unlabeled Q4 tickets; holdout accuracy and
      p95 in shadow.
    conclusive if: Accuracy ≥ 0.895 and p95 < 60 ms, or two sprints spent.
    time-box: 2
11:30:52 add TR-39 engineering "Roll out router v3 (DeBERTa, labels v2) to all queues"
    points: 5
    assignee: tomas
    roles: ml-engineer
    depends on: TR-35 TR-31
    criteria: accuracy>=0.90@holdout
    description: Replace v2 on every channel after a week of canary; keep v2 warm for a
      one-command rollback.
11:39:22 add TR-40 data "Label-drift report: October queue mix vs the Q3 training data"
    points: 2
    assignee: sam
    roles: analyst
    datasets: tickets-2026q4
    description: Shipping tickets grew from 11% to 17% of volume after the carrier change. Check
      whether the holdout still represents live traffic.
11:41:15 add TR-41 engineering "Per-queue confusion matrix in the weekly review deck"
    points: 2
    assignee: sam
    roles: analyst
    depends on: TR-6
    description: Support leads asked to see which queues get confused with which; render it from
      the evaluation harness output.
14:08:10 sprint new "Router v3 live"
    goal: Router v3 in production at 90% accuracy on the holdout
    start: 2026-11-04
    days: 14
    measure: accuracy>=0.90@holdout
14:24:37 sprint add TR-35 TR-36 TR-37 TR-38 TR-39 TR-40 TR-41 TR-33 TR-34
16:43:33 sprint close
    TR-31: int8 export next; fp32 is at 212 ms
16:47:23 column doing wip 4
17:09:30 retro S4 marcus to-improve
    note: Seven cards in progress at once on Oct 28; lowered the WIP limit to 4
17:15:27 retro S4 lena went-well
    note: Zero-shot LLM eliminated in four days with a clear conclusive rule

# --- sprint 5, Router v3 live (Nov 4–17): labels v2 adopted; the CRM renames a column and
#     the feature build fails ---------------------------------------------------------------
day 2026-11-04   # Wednesday
10:37:53 sprint start
11:00:15 move TR-34 doing
11:44:56 move TR-36 doing
11:47:32 move TR-35 doing

day 2026-11-06   # Friday
06:20:06 pipeline feature-build failing
    note: CRM export renamed `channel` to `source_channel`; job fails on missing column
09:05:44 move TR-34 review
09:38:48 block TR-35 pipeline
    note: feature-build failing since this morning; training data for labels v2 not built
09:41:57 add TR-42 data "Fix the feature build after the CRM renamed channel to source_channel"
    points: 2
    assignee: aisha
    roles: data-engineer
    datasets: ticket-features
    sprint: current
    description: The CRM export renamed its `channel` column on Nov 5; the feature build fails on
      the missing column. Map both names and add a schema check upstream.
09:58:59 move TR-42 doing

day 2026-11-09   # Monday
09:46:50 move TR-34 done
14:40:02 log TR-31 latency_p95_ms=138 on shadow
    note: int8 dynamic quantization, 2 replicas
15:11:50 move TR-31 review
15:14:59 move TR-42 review
15:42:50 move TR-40 doing
15:44:44 dataset tickets-2026q4 available
16:11:01 move TR-33 doing
16:13:11 log TR-36 accuracy=0.897
    note: v3 + 2k random

day 2026-11-10   # Tuesday
10:10:46 move TR-42 done
10:14:36 pipeline feature-build ok
    note: maps channel/source_channel; schema check added upstream
10:19:17 unblock TR-35 pipeline
11:01:53 move TR-31 done

day 2026-11-11   # Wednesday
10:09:12 move TR-40 review
10:41:37 move TR-37 doing
11:03:44 log TR-36 accuracy=0.899 macro_f1=0.842
    note: v3 + 2k uncertainty-sampled; difference CI [−0.3, +0.7] pt
14:09:07 move TR-40 done
15:03:34 move TR-36 review
16:31:41 log TR-37 precision=0.925 recall=0.832
    note: threshold 0.70 (auto-routes 84%)

day 2026-11-12   # Thursday
10:12:18 move TR-36 done
10:15:45 outcome TR-36 inconclusive
    note: +0.2 pt over random sampling, inside the CI; cost 14 h of support-lead time. Retry with
      6k labels if labeling capacity frees up.
11:09:11 move TR-33 review
16:01:22 log TR-35 accuracy=0.902 macro_f1=0.851 precision=0.911 recall=0.896
    note: labels v2; billing↔account errors 214 → 136
16:24:05 analysis TR-35
    failure: billing vs account: 136 errors (was 214), mostly refunds asked about in the account
      page
    failure: technical vs shipping: 66 errors, tracking-number-only tickets with no text
    failure: legal: 22 errors, GDPR deletion requests phrased as account closure
    confusion: account billing technical shipping legal
      1265   70   45   15    5
        66 1160   44   24    6
        50   33 1375   36    6
        10   25   30  582    3
         7   12    3    0  128
16:34:46 move TR-35 review

day 2026-11-13   # Friday
10:07:36 move TR-33 done
11:07:10 move TR-35 done
11:12:44 outcome TR-35 adopted
    note: Labels v2 become the training set of router v3: 0.902 on the holdout, billing↔account
      confusions down by a third.
11:26:28 move TR-38 doing
11:39:41 move TR-41 doing
14:01:13 move TR-39 doing
15:06:12 block TR-38 training
    note: Distillation run on 200k unlabeled Q4 tickets, 28 hours
    eta: 2026-11-16

day 2026-11-16   # Monday
14:13:12 add TR-43 experiment "Ensemble router v3 + TF-IDF baseline (weighted vote)"
    points: 5
    assignee: lena
    roles: ml-engineer
    depends on: TR-35
    datasets: labeled-intents-v2 holdout-q3
    gpu hours: 24
    gpu pool: a100
    criteria: accuracy>=0.91@holdout macro_f1>0.86@holdout
    description: The baseline is right on 38% of the tickets v3 gets wrong, mostly short web-form
      tickets with product codes.
    hypothesis: A weighted vote of v3 and the TF-IDF model reaches 91% accuracy on the holdout.
    evaluation: Weights tuned on the validation split; holdout accuracy and macro-F1 with bootstrap
      CIs; error review of the disagreements with support leads.
    conclusive if: Accuracy ≥ 0.91 on the holdout, confirmed on holdout-nov.
14:14:43 add TR-44 experiment "Use help-center article retrieval as extra router context"
    points: 5
    assignee: kenji
    roles: ml-engineer
    depends on: TR-35
    datasets: kb-article-embeddings holdout-q3
    gpu hours: 30
    gpu pool: a100
    description: Retrieve the three closest help-center articles and feed their categories to the
      router.
    hypothesis: Article categories of the nearest help-center articles add 0.5 point of accuracy
      on technical and shipping tickets.
    evaluation: v3 with the top-3 article categories appended; paired bootstrap on the holdout,
      per-queue breakdown.
    conclusive if: CI of the gain on technical+shipping excludes 0.
14:18:29 add TR-45 engineering "Send low-confidence tickets to the human triage queue"
    points: 3
    assignee: tomas
    roles: ml-engineer
    depends on: TR-37
    description: Tickets under the confidence threshold chosen in the calibration experiment go to
      triage instead of a queue.
14:20:54 add TR-46 data "Request a fresh November holdout from support ops"
    points: 2
    assignee: sam
    roles: analyst
    datasets: holdout-nov
    description: 3,000 November tickets, queue confirmed by support leads, to check the router on
      traffic after the carrier change and the new refund policy.
14:24:07 add TR-47 engineering "Evaluate router v3 and the ensemble on holdout-nov"
    points: 3
    assignee: lena
    roles: ml-engineer
    depends on: TR-46 TR-43
    datasets: holdout-nov
    criteria: accuracy>=0.90@holdout-nov
    description: Run the harness on the November holdout for both models; the rollout decision for
      the ensemble waits on it.
14:32:11 add TR-48 tech-debt "Tag GPU jobs with card ids for the cost report"
    points: 1
    assignee: tomas
    roles: ml-engineer
    description: Finance asks what each experiment cost; pass the card id as a job label and sum
      GPU hours per card.
14:36:05 add TR-49 engineering "On-call runbook for the routing service"
    points: 2
    assignee: tomas
    roles: ml-engineer
    description: Alerts, dashboards, rollback to the previous model, and who to call in support
      ops when the triage queue grows.
14:39:40 add TR-50 data "Label-drift check: November queue mix vs labeled-intents-v2"
    points: 2
    assignee: sam
    roles: analyst
    datasets: tickets-2026q4
    description: Repeat the October drift report on November traffic; flag queues whose share
      moved by more than 3 points.
16:14:33 move TR-41 review
19:09:53 unblock TR-38 training

day 2026-11-17   # Tuesday
10:06:01 move TR-41 done
11:05:02 move TR-39 review
14:05:17 sprint new "Ensemble and triage"
    goal: 91% on the holdout with an ensemble; low-confidence tickets go to triage
    start: 2026-11-18
    days: 14
    measure: accuracy>=0.91@holdout
14:23:41 sprint add TR-43 TR-44 TR-45 TR-46 TR-47 TR-48 TR-49 TR-50
16:35:48 sprint close
    TR-37: Threshold 0.70 gives precision 0.925 at recall 0.832; sweep lower next
    TR-38: Student trained; evaluation and latency run pending (sprint 2 of 2)
    TR-39: On 100% of email, web form switches Thursday
17:01:45 add TR-51 engineering "Show the shared A100 reservation calendar in sprint planning"
    points: 1
    assignee: marcus
    roles: scrum-master
    description: Retro action from sprint 5: two training runs waited on the search team's
      reservation. Record reservations on the sprint so planning sees them.
17:13:54 retro S5 tomas to-improve
    note: Two training runs waited on the search team's A100 reservation
    card: TR-51
17:17:28 retro S5 marcus action
    note: Record GPU reservations on the sprint before planning
    card: TR-51
17:20:25 retro S5 aisha to-improve
    note: Second upstream schema change in two months: need a contract with the CRM team

# --- sprint 6, Ensemble and triage (Nov 18 – Dec 1), the active sprint: the story stops on
#     Thursday Nov 26, before the standup ---------------------------------------------------
day 2026-11-18   # Wednesday
10:00:36 sprint add TR-51
10:07:10 reserve S6 a100 30
    note: search-ranking re-index, Nov 23–27
10:35:17 sprint start
11:03:43 move TR-51 doing
11:39:43 move TR-43 doing

day 2026-11-19   # Thursday
10:42:14 log TR-37 precision=0.931 recall=0.846
    note: temperature 1.4, threshold 0.62 (auto-routes 88%)
10:44:51 move TR-37 review
11:10:01 move TR-51 done
11:33:38 move TR-48 doing
14:06:27 move TR-46 doing
14:15:30 dataset holdout-nov requested

day 2026-11-20   # Friday
09:33:38 move TR-47 todo
09:47:29 block TR-47 data
    note: holdout-nov not delivered: support ops labeling 3k tickets, due Nov 30
    eta: 2026-11-30
10:09:34 move TR-48 review
10:34:17 move TR-49 doing
11:00:47 move TR-37 done
11:08:33 outcome TR-37 promising
    note: Precision 0.931 at recall 0.846: recall just misses 0.85. Ship the threshold behind the
      triage queue and re-check on holdout-nov.
15:11:31 move TR-48 done
16:07:51 log TR-43 accuracy=0.907 macro_f1=0.853
    note: equal weights
16:36:01 log TR-38 accuracy=0.889
    note: 6-layer student; 0.6 pt short of the target
16:37:06 log TR-38 latency_p95_ms=64 on shadow
    note: int8 student, 1 replica

day 2026-11-23   # Monday
09:42:31 move TR-38 doing
09:53:58 block TR-38 compute
    note: a100 pool full: search-ranking reservation until Nov 27; student v2 queued
    eta: 2026-11-27
10:05:07 move TR-39 done

day 2026-11-24   # Tuesday
06:24:11 pipeline kb-embedder failing
    note: OOM since the article dump doubled (18k → 37k articles) on Nov 24
09:40:56 block TR-44 pipeline
    note: kb-embedder failing (OOM); kb-article-embeddings are 2 days stale
09:48:31 add TR-52 data "Fix kb-embedder OOM: batch the article dump and stream to the index"
    points: 2
    assignee: kenji
    roles: data-engineer
    datasets: kb-article-embeddings
    sprint: current
    description: The embedder loads the whole dump in memory. Batch 2k articles at a time and
      write the index incrementally.
09:50:48 link TR-44 on TR-52
16:04:09 move TR-49 review

day 2026-11-25   # Wednesday
09:33:05 move TR-52 doing
14:10:55 add TR-53 experiment "Two-stage routing: department first, then queue"
    points: 5
    assignee: tomas
    roles: ml-engineer
    depends on: TR-35
    datasets: labeled-intents-v2 holdout-q3
    gpu hours: 50
    gpu pool: a100
    description: Most errors stay inside a department; a first stage could be very accurate and
      the second one specialised.
    hypothesis: Department-then-queue routing beats flat routing on macro-F1 by 1 point.
    evaluation: Two DeBERTa heads sharing the encoder; paired bootstrap against the ensemble.
    conclusive if: CI of the macro-F1 gain excludes 0 on the holdout.
14:25:22 add TR-54 engineering "Deploy ensemble router v4 behind /route (shadow first)"
    points: 5
    assignee: tomas
    roles: ml-engineer
    depends on: TR-47
    description: Two models in one container doubles the memory; shadow for a week, then switch if
      online accuracy holds.
14:35:16 add TR-55 data "Quarterly holdout refresh process"
    points: 3
    description: Write down how a new holdout is sampled, labeled and frozen each quarter, so
      trends stay comparable across refreshes.
14:38:47 add TR-56 tech-debt "Delete stale experiment artifacts (2.1 TB) from the model bucket"
    points: 1
    description: Keep checkpoints of adopted models and the last run of every card.
14:44:15 sprint new "Ensemble in shadow"
    goal: Ensemble router v4 in shadow on all channels; first multilingual experiment
    start: 2026-12-02
    days: 14
14:47:40 sprint add TR-54 TR-28 TR-53 TR-27
14:56:18 reserve S7 a100 20
    note: search-ranking quarterly retrain
15:45:49 log TR-43 accuracy=0.911 macro_f1=0.857 precision=0.921 recall=0.905
    note: weights 0.7/0.3 tuned on validation; CI ±0.8 pt
15:53:27 analysis TR-43
    failure: 212 holdout tickets where the ensemble and v3 disagree; the ensemble is right on 131
    failure: remaining billing↔account errors: 124, mostly refund-status questions
    confusion: account billing technical shipping legal
      1276   66   40   13    5
        58 1171   43   22    6
        50   29 1388   29    4
         9   21   27  590    3
         6   11    3    0  130
16:14:42 move TR-43 review
16:16:22 block TR-43 review
    note: Rosa reviewing the 212 tickets where the ensemble and v3 disagree
16:20:08 move TR-45 doing

day 2026-11-26   # Thursday
09:22:13 log TR-38 accuracy=0.893 on validation
    note: student v2 warm-started, 1 epoch on the free T4s
