namespace HyperSweep.Engine.Tasks;

/// <summary>The words the agreement generator builds sentences from.</summary>
internal static class AgreementLexicon
{
    /// <summary>Singular/plural noun pairs. Subjects and attractors come from the same list, so a
    /// word's identity never tells whether it is the subject.</summary>
    public static readonly (string Singular, string Plural)[] Nouns =
    [
        ("key", "keys"), ("book", "books"), ("table", "tables"), ("author", "authors"), ("dog", "dogs"),
        ("car", "cars"), ("teacher", "teachers"), ("house", "houses"), ("pilot", "pilots"), ("door", "doors"),
        ("farmer", "farmers"), ("cabinet", "cabinets"), ("student", "students"), ("lamp", "lamps"),
        ("garden", "gardens"), ("singer", "singers"), ("bottle", "bottles"), ("window", "windows"),
        ("painter", "painters"), ("river", "rivers"), ("doctor", "doctors"), ("chair", "chairs"),
        ("tower", "towers"), ("friend", "friends"), ("letter", "letters"), ("road", "roads"),
        ("baker", "bakers"), ("picture", "pictures"), ("island", "islands"), ("senator", "senators"),
        ("engine", "engines"), ("basket", "baskets"), ("player", "players"), ("bridge", "bridges"),
        ("horse", "horses"), ("flower", "flowers"), ("soldier", "soldiers"), ("bell", "bells"),
        ("machine", "machines"), ("village", "villages"),
    ];

    public static readonly string[][] Prepositions =
    [
        ["near"], ["behind"], ["with"], ["of"], ["beside"], ["under"], ["above"],
        ["next", "to"], ["close", "to"], ["far", "from"],
        ["on", "top", "of"], ["in", "front", "of"], ["to", "the", "left", "of"],
    ];

    public static readonly string[] Fillers =
        ["really", "often", "certainly", "still", "usually", "probably", "always", "clearly", "surely", "indeed"];

    public static readonly (string Singular, string Plural)[] Verbs =
        [("is", "are"), ("was", "were"), ("has", "have"), ("seems", "seem"), ("looks", "look"), ("remains", "remain")];

    public static readonly string[] Complements = ["old", "red", "here", "new", "small", "gone", "fine", "ready"];

    public const string Determiner = "the";

    public static int NounCount => Nouns.Length;

    /// <summary>Tokens of the shortest prepositional phrase: preposition, determiner, noun.</summary>
    public const int ShortestPhrase = 3;
}
