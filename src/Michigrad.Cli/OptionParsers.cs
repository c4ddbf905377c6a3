using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Michigrad.Cli;

/// <summary>Options whose values are checked while parsing, so a bad value is a parse error that names the option.</summary>
internal static class OptionParsers
{
    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int minimum = 1, int maximum = int.MaxValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseInt(result, name, minimum, maximum) ?? defaultValue,
    };

    /// <summary>An optional whole number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static Option<int?> OptionalInt(string name, string description, int minimum = 1, int maximum = int.MaxValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result => ParseInt(result, name, minimum, maximum),
    };

    /// <summary>A finite number from <paramref name="minimum"/> up to <paramref name="maximum"/> (NaN and infinities
    /// are refused); with <paramref name="maximumExcluded"/> the maximum itself is refused too.</summary>
    public static Option<double?> Double(string name, string description, double minimum = 0,
        double maximum = double.MaxValue, bool maximumExcluded = false) => new(name)
    {
        Description = description,
        HelpName = "X",
        CustomParser = result =>
        {
            string? token = Single(result);
            if (token is null) return null;
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                result.AddError($"{name} must be a finite number, got '{token}'.");
                return null;
            }
            if (value < minimum)
            {
                result.AddError($"{name} must be at least {minimum.ToString(CultureInfo.InvariantCulture)}, got {token}.");
                return null;
            }
            if (value > maximum || (maximumExcluded && value == maximum))
            {
                result.AddError($"{name} must be {(maximumExcluded ? "less than" : "at most")} {maximum.ToString(CultureInfo.InvariantCulture)}, got {token}.");
                return null;
            }
            return value;
        },
    };

    /// <summary>A comma-separated list of at most <paramref name="maxCount"/> whole numbers from 1 to
    /// <paramref name="maximum"/>, such as <c>16,16</c>.</summary>
    /// <remarks>No default value factory: help would show the array as "16|16". The description says the default,
    /// and <see cref="ParseResult.GetValue{T}(Option{T})"/> returns <see langword="null"/> when the option is absent.</remarks>
    public static Option<int[]> IntList(string name, string description, int[] defaultValue, int maximum = int.MaxValue, int maxCount = int.MaxValue) => new(name)
    {
        Description = description,
        HelpName = "N,N,...",
        CustomParser = result =>
        {
            string? token = Single(result);
            if (token is null) return defaultValue;
            string[] parts = token.Split(',');
            var values = new int[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) || values[i] < 1)
                {
                    string part = parts[i].Trim().Length == 0 ? "an empty entry" : $"'{parts[i].Trim()}'";
                    result.AddError($"{name} must be a comma-separated list of positive whole numbers such as 16,16; '{token}' has {part}.");
                    return defaultValue;
                }
                if (values[i] > maximum)
                {
                    result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} widths must be at most {maximum}, got {values[i]}."));
                    return defaultValue;
                }
            }
            if (values.Length > maxCount)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} may list at most {maxCount} numbers, got {values.Length}."));
                return defaultValue;
            }
            return values;
        },
    };

    /// <summary>A comma-separated list of finite numbers, such as <c>0.5,-0.2</c>.</summary>
    public static Option<double[]?> DoubleList(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "X,X,...",
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            string? token = Single(result);
            if (token is null) return null;
            try
            {
                return ParseNumbers(token, name);
            }
            catch (UsageException e)
            {
                result.AddError(e.Message);
                return null;
            }
        },
    };

    /// <summary>Parses <c>0.5,-0.2</c> into finite numbers, naming <paramref name="name"/> in the error.</summary>
    public static double[] ParseNumbers(string text, string name)
    {
        string[] parts = text.Split(',');
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i].Trim();
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new UsageException(
                    $"{name} must be comma-separated finite numbers such as 0.5,-0.2; '{text}' has {(part.Length == 0 ? "an empty entry" : $"'{part}'")}.");
        }
        return values;
    }

    private static int? ParseInt(ArgumentResult result, string name, int minimum, int maximum)
    {
        string? token = Single(result);
        if (token is null) return null;
        if (!long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
        {
            result.AddError($"{name} must be a whole number, got '{token}'.");
            return null;
        }
        if (value < minimum)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {minimum}, got {value}."));
            return null;
        }
        if (value > maximum)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be at most {maximum:N0}, got {value:N0}."));
            return null;
        }
        return (int)value;
    }

    private static string? Single(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;
}
