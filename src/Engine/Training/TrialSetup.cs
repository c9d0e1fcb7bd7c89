using HyperSweep.Engine.Models;
using HyperSweep.Engine.Optimizers;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>Everything <see cref="TrialRunner.Prepare"/> built for one trial, ready to <see cref="Trainer.RunAsync"/>.</summary>
public sealed record TrialSetup(
    TaskData Data,
    HyperParameters Parameters,
    IModel Model,
    Optimizer Optimizer,
    IBatchSource Batches,
    Trainer Trainer);
