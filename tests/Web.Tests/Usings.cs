// What every browser test file uses.
global using System.Text.RegularExpressions;
global using Microsoft.Playwright;
global using Xunit;
global using static Microsoft.Playwright.Assertions;
