#!/bin/sh
# Scheduler evidence for bench/README-search.md ("Schedulers: ASHA with promotions and PBT"), every part in one go.
# Slices the data and writes shrunk copies of the bench specs under $WORK (regenerable, not committed), records each
# seed's full curves and replays them under each scheduler (Scheduler.Bench curves + compare), and runs PBT against
# the same population with fixed hyper-parameters (Scheduler.Bench pbt). Figures go to bench/figures/, the tables to
# $WORK/<part>.md, the per-trial progress to $WORK/<part>.log.
#
#   bench/scheduler-bench.sh [quickstart] [dan] [pbt] [rnn]        (no argument: all four, in that order)
#
# Sizes come from the environment; the defaults are the README's first, shrunk run (its full-set SST-2 figures set
# DAN_TRAIN=67349 and RNN_TRAIN=67349 with WORK elsewhere, see the README's commands):
#   SEEDS=1,2,3
#   DAN_TRAIN=30000 DAN_TRIALS=27 DAN_EPOCHS=9        first N examples of SST-2 train (full dev), trials, epochs
#   RNN_TRAIN=15000 RNN_TRIALS=12 RNN_EPOCHS=9
#   PTB_TRAIN=6000  PTB_VALID=1000 PTB_EPOCHS=8 PTB_SEEDS=1,2,3   first N lines of ptb.train.txt / ptb.valid.txt
# Run from anywhere; the data are read from the worktree's ../shared/data. Prefix with `nice -n 5` on a shared machine.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
data="$repo/../shared/data"
WORK=${WORK:-/tmp/sched-bench}
SEEDS=${SEEDS:-1,2,3}
DAN_TRAIN=${DAN_TRAIN:-30000}; DAN_TRIALS=${DAN_TRIALS:-27}; DAN_EPOCHS=${DAN_EPOCHS:-9}
RNN_TRAIN=${RNN_TRAIN:-15000}; RNN_TRIALS=${RNN_TRIALS:-12}; RNN_EPOCHS=${RNN_EPOCHS:-9}
PTB_TRAIN=${PTB_TRAIN:-6000}; PTB_VALID=${PTB_VALID:-1000}; PTB_EPOCHS=${PTB_EPOCHS:-8}; PTB_SEEDS=${PTB_SEEDS:-$SEEDS}
bench="$repo/bench/Scheduler.Bench/bin/Release/net10.0/HyperSweep.Scheduler.Bench.dll"
figures="$repo/bench/figures"
parts=${*:-quickstart dan pbt rnn}

mkdir -p "$WORK" "$figures"
[ -f "$bench" ] || dotnet build "$repo/bench/Scheduler.Bench" -c Release >/dev/null

# An SST-2 spec reading the first $2 training examples (header kept) and the full dev set, with $3 epochs.
sst2_spec() { # name train-examples epochs
    mkdir -p "$WORK/sst2-$2"
    [ -f "$WORK/sst2-$2/train.tsv" ] || head -n "$(($2 + 1))" "$data/sst2/train.tsv" > "$WORK/sst2-$2/train.tsv"
    sed -e "s#train: ../../../shared/data/sst2/train.tsv#train: $WORK/sst2-$2/train.tsv#" \
        -e "s#dev: ../../../shared/data/sst2/dev.tsv#dev: $data/sst2/dev.tsv#" \
        -e "s#max_epochs: [0-9]*#max_epochs: $3#" "$repo/bench/specs/$1.yaml" > "$WORK/$1.yaml"
}

# Record the curves of spec $1 (first $2 trials of each seed), replay them under each scheduler, draw figure $3.
asha_part() { # spec trials figure-name
    name=$(basename "$1" .yaml)
    dotnet "$bench" curves --spec "$1" --seeds "$SEEDS" --trials "$2" --threads 2 --out "$WORK/$name.curves.tsv" 2> "$WORK/$name.log"
    dotnet "$bench" compare --spec "$1" --curves "$WORK/$name.curves.tsv" --seeds "$SEEDS" --figure "$figures/$3" | tee "$WORK/$name.md"
}

for part in $parts; do
    case "$part" in
        quickstart) asha_part "$repo/examples/quickstart-asha.yaml" 1000 quickstart-best-vs-core-seconds.png ;;
        dan) sst2_spec sst2-dan-asha "$DAN_TRAIN" "$DAN_EPOCHS"; asha_part "$WORK/sst2-dan-asha.yaml" "$DAN_TRIALS" sst2-dan-best-vs-core-seconds.png ;;
        rnn) sst2_spec sst2-rnn-asha "$RNN_TRAIN" "$RNN_EPOCHS"; asha_part "$WORK/sst2-rnn-asha.yaml" "$RNN_TRIALS" sst2-rnn-best-vs-core-seconds.png ;;
        pbt)
            mkdir -p "$WORK/ptb-$PTB_TRAIN"
            head -n "$PTB_TRAIN" "$data/ptb/ptb.train.txt" > "$WORK/ptb-$PTB_TRAIN/ptb.train.txt"
            head -n "$PTB_VALID" "$data/ptb/ptb.valid.txt" > "$WORK/ptb-$PTB_TRAIN/ptb.valid.txt"
            sed -e "s#/tmp/sched-bench/ptb-small/#$WORK/ptb-$PTB_TRAIN/#" -e "s#max_epochs: [0-9]*#max_epochs: $PTB_EPOCHS#" \
                "$repo/bench/specs/pbt-ptb-small.yaml" > "$WORK/pbt-ptb-small.yaml"
            dotnet "$bench" pbt --spec "$WORK/pbt-ptb-small.yaml" --seeds "$PTB_SEEDS" --threads 2 \
                --figure "$figures/pbt-ptb-small-vs-fixed.png" 2> "$WORK/pbt-ptb-small.log" | tee "$WORK/pbt-ptb-small.md"
            ;;
        *) echo "unknown part '$part': expected quickstart, dan, pbt or rnn" >&2; exit 2 ;;
    esac
done
