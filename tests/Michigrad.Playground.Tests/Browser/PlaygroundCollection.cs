namespace Michigrad.Playground.Tests.Browser;

/// <summary>Every browser test shares one published site and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class PlaygroundCollection : ICollectionFixture<PublishedSite>, ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Playground site";
}
