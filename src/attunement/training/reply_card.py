"""Model cards of the reply-assessment models (reply-v1, needs-v2), written from their card.json.

Each card states the training data and its licences, what was chosen on dev, the figures on
the whole test split, and what the shipped model says on probes of the known failure modes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

LICENCES = """\
| data | licence | use here |
|---|---|---|
| EPITOME (Sharma et al., 2020), Reddit seeker posts and responses | research release; Reddit content, terms unclear for commercial use | train / dev / test (split rule in its README) |
| AnnoMI (Wu et al., 2022), motivational-interviewing transcripts | CC BY-NC 4.0 (non-commercial) | train / dev / test by transcript |
| all-MiniLM-L6-v2 (via cues-v1) | Apache-2.0 (`../licenses/`) | starting weights |
| attunement's labelled needs and pairs (`labelled/`) | CC BY 4.0, synthetic, one annotator | dev for fitting and choices, test for figures |

Because AnnoMI is non-commercial and EPITOME's Reddit text has unclear terms, treat weights
trained on them as fit for research and personal use; check the licences before any commercial use.
"""

# Pairs that show the known failure modes of reply assessment.
PROBES = (
    ("negation", "I'm not upset, just tired of it", "you're not upset, you're just tired"),
    ("negation", "I didn't get in", "I don't think that's the end of it. how are you feeling?"),
    ("sarcasm", "I got the promotion!", "oh great, another person who'll never have time for us"),
    ("sarcasm", "sorry I'm late again", "wow, what a surprise 🙄"),
    ("emoji only", "my cat died this morning", "😢💔"),
    ("emoji only", "😭😭", "🫂"),
    ("very short", "we need to talk about last night", "ok"),
    ("very short", "I passed!!", "nice"),
)


def probe_table() -> str:
    from attunement.assess import assess_many

    found = assess_many([(m, r) for _, m, r in PROBES])
    lines = ["| failure mode | message | reply | score | weakest capacity |", "|---|---|---|---:|---|"]
    for (mode, message, reply), a in zip(PROBES, found):
        lines.append(
            f"| {mode} | {message} | {reply} | {a.score:.0f} | {a.weakest} ({a.capacities[a.weakest]:.2f}) |"
        )
    return "\n".join(lines)


def _naming_of(message: str, reply: str) -> float:
    from attunement.assess import assess

    return assess(message, reply).capacities["naming"]


def _rows(scores: dict[str, dict[str, Any]]) -> str:
    lines = ["| head | n | accuracy | macro-F1 | issue target |", "|---|---:|---:|---:|---:|"]
    for head, m in scores.items():
        target = m.get("target_macro_f1")
        lines.append(
            f"| {head} | {m['n']} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | "
            f"{'' if target is None else f'{target:.3f}'} |"
        )
    return "\n".join(lines)


def write_reply_card(path: Path) -> None:
    record = json.loads((path / "card.json").read_text())
    config = json.loads((path / "config.json").read_text())
    run = record["run"]
    dev_rows = {h: v["with_offsets"] for h, v in record["dev"].items()}
    text = f"""# reply-v1: how a reply answers a message

A MiniLM sentence encoder (6 layers, 384 dimensions), fine-tuned from the cues-v1 encoder on
EPITOME and AnnoMI together as a bi-encoder: the reply and the message are encoded separately
and each head reads `[reply, message, reply*message, |reply-message|]`. Exported to ONNX, weights
stored as float16 and computed in float32; run by onnxruntime, no torch.

Heads (softmax): `ER`, `IP`, `EX` (EPITOME's emotional reactions, interpretations,
explorations: none / weak / strong), `behaviour` (AnnoMI: question, reflection,
therapist_input, other), `question` (open / closed), `reflection` (simple / complex).
attunement reads them as evidence for presence, curiosity, naming and responsive action.

## Training
- Data: EPITOME train ({run["train_sizes"].get("epitome", "?")} pairs) and AnnoMI train
  ({run["train_sizes"].get("annomi", "?")} therapist utterances); dev splits chose the epoch
  (best: {run["best_epoch"]} of {run["epochs"]}, mean dev macro-F1 {run["best_dev_mean_macro_f1"]:.3f})
  and each head's class offsets (coordinate search on macro-F1). Emoji spelled out: {config["demojize"]}.
- Recipe: `python -m attunement.training.multitask --init training/out/cuenet.pt --out training/reply-cue`,
  then `python -m attunement.training.reply --run training/reply-cue`. AdamW {run["lr"]}, batch
  {run["batch"]}, seed {run["seed"]}, max {run["max_len"]} tokens, class-weighted cross-entropy.

{LICENCES}
## Dev (after offsets)

{_rows(dev_rows)}

## Test (whole split, read once after every choice)

{_rows(record["test"])}

## Known failure modes (what the shipped assessment says on probes)

{probe_table()}

- **Negation and sarcasm**: the heads read the words, not the intent; "oh great" praise can look
  like an emotional reaction. The rules in `signals.py` catch common sarcasm markers, not all.
- **Emoji only / very short replies**: little text, so the heads fall back to priors; a hug emoji
  can be exactly right and still score low on naming.
- **Short, fitting naming**: naming follows EPITOME's interpretation head, which reads a brief
  "you must be thrilled!" to "I got the job!!" as little understanding: naming
  {_naming_of("I got the job!!", "you must be thrilled!"):.2f}, though the feeling fits.
- **Domain**: EPITOME is Reddit mental-health peer support, AnnoMI is counselling; chats between
  partners or friends are shorter and less formal. Long texts are cut at 128 tokens.
"""
    (path / "MODEL_CARD.md").write_text(text)


def write_needs_card(path: Path) -> None:
    card = json.loads((path / "card.json").read_text())
    test = card["test"]
    per_label = "\n".join(
        f"| {lab} | {m['n']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |"
        for lab, m in test["per_label"].items()
    )
    cv = "\n".join(
        f"| {variant} | " + " | ".join(f"{v:.3f}" for v in scores.values()) + " |"
        for variant, scores in card["cross_validation_dev"].items()
    )
    grid = list(next(iter(card["cross_validation_dev"].values())))
    text = f"""# needs-v2: what a message most likely needs from the reply

Multinomial logistic regression over the cues-v1 outputs of the message (encoder vector, emotion
probabilities, valence/arousal/dominance), the mean vector of its last two earlier turns (read
once like every turn, so context costs no extra encoder pass), and rule features (question, rupture, flooding, "!", length). Eight needs:
comfort, space, presence, help, celebration, reassurance, repair, none. Used by responsive
action (does the kind of reply fit the need?) and to weigh curiosity and naming in the overall
score.

## Training
- Data: attunement's labelled needs (`labelled/needs-dev.jsonl`, {card["train"]["n"]} items,
  CC BY 4.0, synthetic, one annotator). There is no separate training split: the model is fitted
  on dev, and the feature groups and regularisation were chosen by 5-fold stratified
  cross-validation within dev (macro-F1). Chosen: **{card["chosen"]["variant"]}**, C =
  {card["chosen"]["C"]} (cross-validated macro-F1 {card["chosen"]["cv_macro_f1"]:.3f}).
- Recipe: `attune train needs` (about 3 minutes on 2 cores).

Cross-validated macro-F1 on dev, by variant and C ({", ".join(grid)}):

| variant | {" | ".join(grid)} |
|---|{"---:|" * len(grid)}
{cv}

## Test (labelled needs-test, {test["n"]} items, read once)

Accuracy **{test["accuracy"]:.3f}**, macro-F1 **{test["macro_f1"]:.3f}** (majority class:
{test["majority_baseline_accuracy"]:.3f} accuracy).

History: needs-v1 (fitted on the first 201 dev items) scored accuracy 0.526, macro-F1 0.528 on the
first 152 test items, 0.521 / 0.501 on the 146 test items of the second round (read once before
needs-v2 was fitted on the enlarged dev part), and 0.524 / 0.523 on the whole 298. A first needs-v2 read context by encoding
the cue turn joined to its last two earlier turns (dev cross-validation 0.575, chosen `all`; test
accuracy 0.607, macro-F1 0.615), but that second encoder pass cut `attune analyze` to 145 turns/s,
under its 200 target; context is now the mean of the earlier turns' own vectors, read once, and
the variant was chosen again by cross-validation on dev. The second round's writers were asked to
include angry or all-caps messages that are not celebrations and bad news stated flatly, which a
review had found needs-v1 getting wrong. At run time, a turn with criticism, contempt or a rupture
signal is never given the celebration label (the probabilities stay as the model gave them).

| need | n | precision | recall | F1 |
|---|---:|---:|---:|---:|
{per_label}

## Known failure modes
- Close neighbours are confused: presence and comfort, space and none, reassurance and help.
- Context: when cross-validation drops the context vector (the card says which variant was
  chosen), "ugh" after bad news reads the same as "ugh" alone; with it, the context is only the
  mean meaning of the last two turns, not who said what.
- Sarcasm ("love that for me"), negation ("I'm not upset, I just need a minute") and emoji-only
  messages rely on the cue encoder, which reads them literally; per-label figures come from 30
  to 45 test items each, so their uncertainty is still wide.
- The set is synthetic, English and British-leaning; real chats will be harder.
"""
    (path / "MODEL_CARD.md").write_text(text)


OVERALL_HISTORY = """## History
overall-v1 (six hand-fitted weights over the
capacities) scored 0.702 on the first 84 test pairs; overall-v2 (this ranker on 183 dev pairs)
0.818 on 165 test pairs, and 0.850 on the 240 of the enlarged test part; overall-v3, refitted on
258 dev pairs (a third round written blind), 0.854 on those 240, 0.817 on the 71 new test pairs of
a fourth blind round (read once, before any refit) and 0.846 on all 311; overall-v4, refitted on
337 dev pairs, 0.846 on those 311, 0.803 on the 76 new test pairs of a fifth blind round (read
once, before any refit) and 0.837 on all 387. overall-v5 is the same ranker refitted on the 411
dev pairs of the enlarged dev part, with L2 now chosen by the one-standard-error rule. A first
refit took the cross-validation maximum (L2 0.01): it ranked every dev pair right and scored 44%
of dev replies under 5 or over 95, and it read 0.819 on the 387 test pairs. The rule was
adopted after that test read (so that choice was informed by test) for the saturation seen on
dev; its refit (L2 0.3, 5% of dev replies under 5 or over 95) was adopted before its test read.
overall-v5 (a pairwise ranker alone, the median dev reply set at 50) scored "k" to "I lost my job
today" 71 and "omg congrats!! so proud of you" to "I passed!!" 40: a ranker that only compares
replies to the same message leaves each message's level free. overall-v6 adds the
across-message and brush-off objectives above. On the same dev features, the pairwise recipe
alone cross-validates at 0.864 of held-out pairs, 0.833 across messages and 0.855 against
brush-offs (its one-standard-error L2, 0.3); the anchored recipe at 0.869, 0.859 and 0.981.
On the 387 test pairs overall-v5 read 0.842. overall-v6 was read twice: 0.840 on a first fit,
then 0.822 after a dev-driven fix of the rules it reads (capitals and "!!" had been counted only
in a text that read hostile, and self-regulation ranked the calmer reply first in 0.46 of the
self-regulation dev pairs, against 0.93 before; the test read showed the drop first, at 0.31).
That second fit (L2 0.1) was shipped as overall-v6. A sixth blind round followed (150 pairs: 40 each
for presence, naming and responsive action, 25 of these good news met flatly or warmly): overall-v6
read 0.909 on its 77 new test pairs (read once, before any refit) and 0.836 on all 464.
overall-v7, the same recipe refitted on the 484 dev pairs (L2 1.0 by the rule), read 0.845 on
the 464. A seventh blind round (90 pairs) gave the replies of the person who was cared for
(thanks, accepting an apology, against a cold brush-off or a rebuff): overall-v7 ranked only
0.417 of its 48 new test pairs right (read once, before any refit; such replies were absent from
the pairs) and 0.805 of all 512. overall-v8 is the same recipe refitted on the 526 dev pairs: 0.834
on the 512. overall-v9 is the same recipe refitted after the naming capacity changed (it now
reads EPITOME's interpretation head, not the larger of emotional reactions and interpretations,
and gives the naming rule a smaller weight: on the dev naming pairs the better reply's naming
score was higher in 0.768 of pairs, against 0.545 before; on the test naming pairs in 0.660,
against 0.500): 0.836 on the 512 (dev cross-validation 0.840, 0.837 before). overall-v10 reads
two more vectors that both encoders already computed for every pair: the reply's own vector from
the reply encoder (what an attuned reply looks like, as the encoder fine-tuned on EPITOME and
AnnoMI reads it) and the product of the two texts' cue-encoder vectors (their feelings side by
side). Dev cross-validation rose from 0.840 to 0.886 at the chosen L2 (0.894 at the best), and the
test read, once after the choice, from 0.836 to 0.885, with every capacity's pairs at 0.84 or
more. With more inputs than dev pairs, the ranker is more confident: 9.8% of dev replies score
under 5 or over 95. "omg congrats!! so proud of you" to "I passed!!" now scores 90 and "cool.
what's for dinner" to "I got the job!!" 9. Two rules were added beside it on the same read: a reply
that dismisses or mind-reads the feeling (the "assuming" rule: only ever in worse replies on dev)
costs 10 points, as the costly horsemen do, and insults aimed at the other's choice ("why would you
do something so stupid", which scored 87) count as contempt. Known miss: a short, fitting naming ("you must be
thrilled!" to "I got the job!!") scores 34, because the labelled worse replies often name a
feeling in just that form, and wrongly. An eighth and a ninth blind round followed (160 pairs in
the ninth: 40 presence, 36 naming, 36 responsive action, 16 each for the others): overall-v10
read 0.927 on its 82 new test pairs (once, before any refit) and 0.891 on all 594. The same
recipe refitted on the 604 dev pairs (L2 0.1 by the rule, dev cross-validation 0.902) read 0.882
on the 594, and was not shipped, for what dev showed next: it scored the replies of the labelled
chat conversations badly, "oh no. poor lad. are you with him?" 26 and "congrats! when do you
start?" 16; on held-out dev conversations, an attuned chat reply (any reply in a conversation
without a rupture) outscored a misattuned one (the reply where a rupture starts) with an AUC of
only 0.69. overall-v11 adds those dev chat replies (501 attuned, 239 misattuned, from 234 dev
conversations) to the pointwise objective, each weighing as much as a pair's reply: dev
cross-validation 0.894 on the pairs (L2 0.3 by the rule) and 0.815 on held-out conversations.
It reads 0.886 on the 594 test pairs. The two replies above now score 61 and 48, but the levels
are softer both ways: "you're just tired" to "work was awful today" scores 69 (after the
10-point cost of dismissing) and "that reminds me of when my boss yelled at me" 55. A tenth blind
round (160 pairs, 60 conversations) read 0.899 on its 79 new test pairs with overall-v11 (once,
before any refit) and 0.887 on all 673. overall-v12 is the same recipe refitted on the 685 dev
pairs and the 265 dev conversations' replies (L2 0.1 by the rule; dev cross-validation 0.901 on
the pairs, 0.829 on held-out conversations): 0.887 on the 673. An eleventh blind round
(conversations only) and a twelfth (160 pairs: 80 dev, 80 test; 60 conversations) followed:
overall-v12 read 0.963 on the 80 new test pairs (once, before any refit) and 0.895 on all 753.
overall-v13 is the same recipe refitted on the 765 dev pairs and the 319 dev conversations'
replies (L2 0.3 by the rule; dev cross-validation 0.910 on the pairs, 0.834 on held-out
conversations): 0.900 on the 753, which is 0.892 on the 673 of the earlier rounds and 0.975 on
the 80 new ones. The twelfth round's pairs were easier than the rounds before; the whole-test
figure is just at the target. The stronger L2 leaves some hostile replies softer than overall-v12
did, though the pairs still rank them below a better reply: "why would you do something so
stupid" to "I think I want to quit my job" scores 49 (v12: 37) after the contempt cost, "WHAT??
WHY DIDN'T YOU TELL ME EARLIER" to "my grandma passed away last night" 51 (v12: 33), and "I listen
to you all the time, you're being dramatic" to "you never listen to me" 37 (v12: 16; no rule
marks it as defensive). Read the capacities and markers beside the score: self-regulation is 0.01
for the first.
"""


def write_overall_card(path: Path) -> None:
    config = json.loads((path / "config.json").read_text())
    cv = "\n".join(
        f"| {l2} | {v['pairs']:.3f} | {v['across_messages']:.3f} | {v['brush_offs']:.3f} | "
        f"{v['conversations']:.3f} |"
        for l2, v in config["dev_cross_validated"].items()
    )
    top = "\n".join(f"| {name} | {w:+.3f} |" for name, w in config["largest_weights"].items())
    anchoring = config["anchoring"]
    text = f"""# overall-v{config["version"]}: how everything read about a reply adds up to the 0-100 score

A linear score over {config["features"]} standardised inputs (the six capacities, the reply
model's EPITOME levels and AnnoMI behaviours, tone of both texts, heat, need-by-move
interactions, the reply-message relation vector from the reply encoder, the reply's own vector
from the reply encoder, and the relation of the two texts' cue-encoder vectors), through a sigmoid
to 0-100: about how likely a reply like this is the attuned one. Defensiveness, contempt or
stonewalling in the reply (found by the rules) costs 10 points on top.

## Training
Labelled dev pairs (`labelled/pairs-dev.jsonl`, {config["dev_pairs"]} pairs; synthetic, CC BY 4.0,
one annotator), four objectives on shared weights:
- within a message, the more attuned reply of each pair scores higher (pairwise logistic loss);
- across messages (weight {anchoring["pointwise"]}), better replies are attuned and worse ones are
  not (pointwise logistic loss), so that a score means the same from one message to the next;
- brush-offs (weight {anchoring["brush_off_weight"]} each): {", ".join(repr(b) for b in anchoring["brush_offs"])}
  as replies to the {anchoring["anchored_messages"]} dev messages whose likely need is
  {", ".join(anchoring["emotional_needs"])} rank below the labelled better reply and are not attuned;
- chat replies (weight {anchoring["conversation_weight"]} each), from the labelled dev conversations
  (`labelled/conversations-dev.jsonl`): the {anchoring["chat_replies"]["misattuned"]} replies where a rupture starts are not
  attuned, the {anchoring["chat_replies"]["attuned"]} replies of conversations without a rupture are.
L2 by 5-fold cross-validation within dev with the one-standard-error rule on held-out pair
accuracy; chosen {config["l2"]}.

| L2 | held-out pairs ranked right | better vs worse across messages (AUC) | better reply above each brush-off | attuned vs misattuned chat replies, held-out conversations (AUC) |
|---:|---:|---:|---:|---:|
{cv}

On dev: the fitted ranker orders {config["dev_accuracy_fitted"]:.3f} of pairs right; the plain mean
of the six capacities {config["dev_accuracy_capacity_mean"]:.3f}. Median score of better replies
{config["dev_median_score"]["better"]}, of worse ones {config["dev_median_score"]["worse"]};
{config["dev_share_under_5_or_over_95"]:.1%} of dev replies score under 5 or over 95.
Recipe: `attune train overall`. Test figures: `attune eval --part reply` and
`benchmarks/results/reply_eval.md`.

{OVERALL_HISTORY}
Largest weights (standardised inputs):

| input | weight |
|---|---:|
{top}

Known limits: the relation vector makes the score harder to explain than the capacities;
read the capacities and their evidence for the why. Synthetic, English, single-annotator labels.
"""
    (path / "MODEL_CARD.md").write_text(text)


def write_episodes_card(path: Path) -> None:
    config = json.loads((path / "config.json").read_text())
    dev = config["dev"]
    lo, hi = config["thresholds_tried"]
    test = config.get("test")
    test_text = (
        f"Rupture F1 **{test['rupture']['f1']:.3f}** (precision {test['rupture']['precision']:.3f}, recall "
        f"{test['rupture']['recall']:.3f}), repair F1 **{test['repair']['f1']:.3f}** (precision "
        f"{test['repair']['precision']:.3f}, recall {test['repair']['recall']:.3f}) over "
        f"{test['conversations']} test conversations; status agreement on matched episodes "
        f"{test['status_agreement']}."
        if test
        else "See `benchmarks/results/`."
    )
    text = f"""# episodes-v{config["version"]}: where attunement breaks and where it is repaired

Two scores per turn, each a sum of {config["n_trees"]} boosted decision trees of at most
{config["leaves"]} leaves over {len(config["features"])} features: the need model's repair
probability of the turn and of the next one, the reply's score and capacities, horsemen and
flooding, rule signals of rupture and repair, the change of valence, length, and the context
(whether something broke in the last four turns; the previous, next and next-but-one turns'
signals, scores, horsemen and flooding). Trees see how the signals combine, which one weight per
feature could not: a "k." after a warm exchange and a "k." after a brush-off read differently.
A turn opens an episode when its start score reaches {config["start_threshold"]} and is no lower
than its neighbours' (a break usually shows in two adjacent turns, and the clearer one is taken);
the repair is the first turn within six whose repair score reaches {config["repair_threshold"]};
the repair is taken up when the other person's next turn does not break again. Scoring is
numpy only (`attunement.trees`); the trees were fitted with scikit-learn's histogram gradient
boosting (learning rate 0.05, at least 20 turns per leaf, L2 1.0, class-balanced).

## Training
Labelled dev conversations (`labelled/conversations-dev.jsonl`: {dev["conversations"]}
conversations, {dev["turns"]} turns; synthetic, CC BY 4.0, one annotator). The ensemble size
(leaves/trees tried: {", ".join(config["sizes_tried"])})
and both thresholds (tried from {lo:.2f} to {hi:.2f}) were chosen by {dev["folds"]}-fold
cross-validation on dev, grouped by conversation: rupture F1 {dev["cross_validated_rupture_f1"]:.3f},
repair F1 {dev["cross_validated_repair_f1"]:.3f}. A start matches a gold start one turn away at
most (the break often shows in the misattuned reply and in the answer to it); repairs likewise.
Recipe: `attune train episodes`.

## Test (labelled test conversations)
{test_text}

History of the test figures: the first 23 test conversations were measured once for a first
detector (fitted on 25 dev conversations: rupture F1 0.541, repair F1 0.545); episodes-v1
(23 features, 44 dev conversations) reached 0.636 / 0.565 on 40 test conversations. Then a third
round of conversations was written blind; episodes-v1 scored 0.655 / 0.612 on the whole 79 test
conversations. episodes-v2 added six context features and was refitted on the 85 dev
conversations: 0.635 / 0.689 on those 79 test conversations. A fourth round was written blind;
episodes-v2 scored 0.667 / 0.682 on its 35 new test conversations (read once, before any refit)
and 0.645 / 0.687 on all 114. episodes-v3, refitted on the 110 dev conversations, scored 0.669 /
0.726 on those 114, 0.645 / 0.564 on the 28 new test conversations of a fifth blind round (read
once, before any refit) and 0.665 / 0.690 on all 142. episodes-v4, refitted on the 142 dev
conversations, scored 0.648 / 0.749. episodes-v5 is the same detector refitted on the same dev
conversations after the reply scores changed (overall-v6, and the rules: celebration is not
escalation, longer phrase spans, crisis language overriding the need); every choice by
cross-validation on dev. A first refit, on rules that counted capitals and "!!" only in a text
that read hostile, read 0.652 / 0.697; that rule was then loosened for what it cost
self-regulation on the dev pairs (see overall-v6), and the refit on it (0.650 / 0.736) was
shipped as episodes-v5. A sixth blind round (60 conversations) read 0.730 / 0.829 on its 31 new
test conversations with episodes-v5 (once, before any refit) and 0.665 / 0.753 on all 173.
episodes-v6, refitted on the 171 dev conversations on overall-v7's scores, read 0.674 / 0.727,
and 0.675 / 0.740 on overall-v8's scores before a refit. episodes-v7 is the same detector refitted
on the same dev conversations on overall-v8's scores, every choice on dev: 0.662 / 0.720.
episodes-v8 is the same detector refitted on overall-v9's scores and the new naming capacity
(dev cross-validation 0.723 / 0.825, against 0.713 / 0.823 for episodes-v7): 0.661 / 0.736.
episodes-v9 is the same detector refitted on overall-v10's scores, every choice on dev (dev
cross-validation 0.717 / 0.808): 0.675 / 0.775 on the 173. An eighth blind round (60
conversations) read 0.750 / 0.739 on its 32 new test conversations with episodes-v9 (once, before
any refit) and 0.687 / 0.769 on all 205. episodes-v10 replaces the two logistic regressions
with boosted trees over five more context features and starts an episode at the local peak of
the start score, every choice on the 199 dev conversations (the logistic detector's
leave-one-out figures on them: 0.709 / 0.801): 0.723 / 0.820 on the 205. A ninth blind round (60
conversations) read 0.733 / 0.778 on its 25 new test conversations with episodes-v10 (once,
before any refit) and 0.725 / 0.815 on all 230. episodes-v11 is the same detector refitted on
the 234 dev conversations on overall-v11's scores. overall-v11 learned from the labelled replies
of these same dev conversations, so the reply scores the detector was fitted on are in-sample,
and its dev cross-validation is optimistic; the test conversations are untouched by both:
0.766 / 0.805 on the 230. A tenth blind round (60 conversations) read 0.870 / 0.898 on its 29 new
test conversations with episodes-v11 (once, before any refit) and 0.779 / 0.817 on all 259.
episodes-v12 is fitted on the 265 dev conversations on overall-v12, with the in-sample problem
mended: each dev conversation is read with a ranker refitted without its fold of conversations
(five folds; the capacities are unchanged), so the detector learns from reply scores like those
it will see. A first fit on in-sample scores, kept only as a record, read dev cross-validation
0.824 / 0.865 and test 0.762 / 0.823 on the 259; the cross-fitted detector read 0.792 / 0.848
on dev and 0.788 / 0.816 on the 259. An eleventh blind round (60 conversations) read 0.821 / 0.833
on its 38 new test conversations with episodes-v12 (once, before any refit) and 0.792 / 0.818 on
all 297. episodes-v13, the same detector refitted on the 287 dev conversations with overall-v12
left as it was, read dev cross-validation 0.808 / 0.823 and test 0.788 / 0.833 on the 297; it was
withheld, never shipped, because overall-v12 had learned from only the first 265 of those dev
conversations. A twelfth blind round (60 conversations) read 0.842 / 0.800 on its 28 new test
conversations with episodes-v12 (once, before any refit) and 0.797 / 0.816 on all 325.
episodes-v14 is the same cross-fitted detector refitted on the 319 dev conversations on
overall-v13 (which learned from all of them): dev cross-validation 0.808 / 0.819, test 0.796 /
0.802 on the 325. Its size was the largest corner of the grid (8 leaves, 400 trees) and its
repair threshold (0.35) near the lowest tried, so the grid was extended both ways (up to 16
leaves and 800 trees; thresholds from 0.05). The extension came after episodes-v14's test read,
prompted by rupture falling short there; every choice within it is dev's. episodes-v15 is the
detector that grid chose (16 leaves, 400 trees; dev cross-validation 0.816 / 0.827): test below.

## Known failure modes (seen on dev)
Playful teasing between close friends and a "fine." that is really fine can read as ruptures;
a rupture that shows only in what is left unsaid (a flat reply to big news) is often found one
turn late, at the other's withdrawal; repairs without the usual words ("ok hang on", humour) are
missed more often than apologies. The conversations are synthetic, English and short.
"""
    (path / "MODEL_CARD.md").write_text(text)
