package io.eventmonitoring.bridge.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver}, named explicitly so that Selenium
 * Manager never tries to download a browser or a driver.
 */
public final class Browser {

    public static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String DRIVER = System.getProperty("browser.driver", "/usr/bin/chromedriver");
    private static final String BINARY = System.getProperty("browser.binary", "/usr/bin/chromium");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Browser() {
    }

    public static ChromeDriver start() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        return new ChromeDriver(service, options);
    }

    /** Logs in with the console's form. */
    public static void login(WebDriver driver, String base, String user, String password) {
        driver.manage().deleteAllCookies();
        driver.get(base + "console/login");
        driver.findElement(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(driver, WAIT).ignoring(WebDriverException.class)
                .withMessage("the console's overview after logging in as " + user)
                .until(d -> !d.getCurrentUrl().contains("/console/login")
                        && !d.findElements(By.tagName("nav")).isEmpty());
    }

    /**
     * Clicks a form's button and waits for the page the form leads to. While the page changes, chromedriver may answer
     * about the old page's nodes with errors other than a stale element ("Node with given id does not belong to the
     * document"): the wait asks again.
     */
    public static void submit(WebDriver driver, WebElement button) {
        button.click();
        new WebDriverWait(driver, WAIT).ignoring(WebDriverException.class)
                .until(ExpectedConditions.stalenessOf(button));
    }

    /** Writes the whole page as it looks now to {@code target/screenshots/<name>.png}. */
    public static void screenshot(WebDriver driver, String name) {
        shoot(driver, name, driver.manage().window().getSize().width);
    }

    /** The same, at a phone's width. */
    public static void phoneScreenshot(WebDriver driver, String name) {
        shoot(driver, name, 390);
    }

    private static void shoot(WebDriver driver, String name, int width) {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(width, before.height));
            long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + 100, 4000)));
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }
}
