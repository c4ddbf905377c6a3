using Michigrad.Cli.Plots;
using ScottPlot;

namespace Michigrad.Cli.Tests;

/// <summary>Every PNG the CLI draws speaks in one font family: the canvas pictures' (confusion matrix, prediction
/// grid) and ScottPlot's plots (loss, curves, decision boundary), whose own default face differs.</summary>
public class PlotFontTests
{
    private static string Family => PngCanvas.Typeface.FamilyName;

    private static Plot SamplePlot()
    {
        var plot = new Plot();
        plot.Add.Scatter(new double[] { 1, 2, 3 }, new double[] { 3, 1, 2 }).LegendText = "loss";
        plot.Title("Loss");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.ShowLegend();
        return plot;
    }

    private static void AssertHouseFont(Plot plot)
    {
        Assert.Equal(Family, plot.Axes.Title.Label.Font?.FamilyName);
        Assert.True(plot.Axes.Title.Label.Font!.IsBold, "the title is bold, as the canvas pictures' titles");
        foreach (var axis in plot.Axes.GetAxes())
        {
            Assert.Equal(Family, axis.Label.Font?.FamilyName);
            Assert.Equal(Family, axis.TickLabelStyle.Font?.FamilyName);
        }
        Assert.Equal(Family, Fonts.Default);   // what the legend's labels are drawn in
    }

    [Fact]
    public void ThePictureFont_IsDejaVuSans_AsInstalledHere()
    {
        // fonts-dejavu-core is installed by .ci/run; without it the labels would fall back to the system default.
        Assert.Equal("DejaVu Sans", Family);
    }

    [Fact]
    public void PngFile_DrawsAPlotInThePictureFont()
    {
        using var folder = new TempFolder();
        Plot plot = SamplePlot();

        PngFile.Save(plot, folder.File("plot.png"), 400, 300);

        AssertHouseFont(plot);
        Assert.True(File.Exists(folder.File("plot.png")));
    }

    [Fact]
    public void SideBySide_DrawsEveryPanelInThePictureFont()
    {
        using var folder = new TempFolder();
        Plot left = SamplePlot(), right = SamplePlot();

        SideBySide.Save(folder.File("curves.png"), 300, (left, 400), (right, 400));

        AssertHouseFont(left);
        AssertHouseFont(right);
    }
}
