using HyperSweep.Engine.Schema;

namespace HyperSweep.Engine.Tasks;

/// <summary>
/// Options of the built-in number-agreement generator (the <c>data:</c> section with
/// <c>source: agreement</c>; field names in brackets).
/// </summary>
/// <param name="Size">Training sentences [size].</param>
/// <param name="DevSize">Development sentences [dev_size].</param>
/// <param name="TestSize">Test sentences, 0 for none [test_size].</param>
/// <param name="MinAttractors">Fewest prepositional phrases (potential attractors) between subject and verb [min_attractors].</param>
/// <param name="MaxAttractors">Most prepositional phrases [max_attractors].</param>
/// <param name="MinDistance">Fewest tokens between subject and verb; filler adverbs make up the difference [min_distance].</param>
/// <param name="MaxDistance">Most tokens between subject and verb [max_distance].</param>
/// <param name="Vocabulary">Nouns per number, drawn from a built-in list [vocabulary].</param>
/// <param name="Seed">Generator seed; the data depend on nothing else [seed].</param>
public sealed record AgreementOptions(
    int Size = AgreementOptions.DefaultSize,
    int DevSize = AgreementOptions.DefaultDevSize,
    int TestSize = 0,
    int MinAttractors = 0,
    int MaxAttractors = AgreementOptions.DefaultMaxAttractors,
    int MinDistance = 0,
    int MaxDistance = AgreementOptions.DefaultMaxDistance,
    int Vocabulary = AgreementOptions.DefaultVocabulary,
    int Seed = 1)
{
    public const int DefaultSize = 4000;
    public const int DefaultDevSize = 500;
    public const int DefaultMaxAttractors = 3;
    public const int DefaultMaxDistance = 20;
    public const int DefaultVocabulary = 20;

    /// <summary>
    /// Throws <see cref="Schema.SchemaException"/> naming the first invalid field. Single values are checked by their
    /// rules in <see cref="Schema.TaskSchema"/> as they are read; this checks how the fields fit together.
    /// </summary>
    public void Validate()
    {
        Require(MaxAttractors >= MinAttractors, TaskSchema.MaxAttractors, $"must be >= min_attractors ({MinAttractors}), got {MaxAttractors}");
        Require(MaxDistance >= MinDistance, TaskSchema.MaxDistance, $"must be >= min_distance ({MinDistance}), got {MaxDistance}");
        var shortest = MinAttractors * AgreementLexicon.ShortestPhrase;
        Require(MaxDistance >= shortest, TaskSchema.MaxDistance,
            $"must be >= {shortest}: min_attractors = {MinAttractors} prepositional phrases take at least {AgreementLexicon.ShortestPhrase} tokens each, got {MaxDistance}");
        foreach (var (field, value) in new[] { (TaskSchema.Size, Size), (TaskSchema.DevSize, DevSize), (TaskSchema.TestSize, TestSize),
                     (TaskSchema.MinAttractors, MinAttractors), (TaskSchema.MinDistance, MinDistance), (TaskSchema.Vocabulary, Vocabulary) })
        {
            if (field.Rule.Problem(value) is { } problem)
            {
                throw new SchemaException(field.Field, problem);
            }
        }

        static void Require(bool condition, FieldDefinition field, string message)
        {
            if (!condition)
            {
                throw new SchemaException(field.Field, message);
            }
        }
    }
}
