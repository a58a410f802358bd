package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.backup.BackupResult;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.catalog.node.NodeUpdate;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.engine.Coffer;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless chromium through chromedriver) against a real
 * server and agent: log in, see last night's failed backup highlighted, start a backup and watch its
 * bar reach 100 %, restore it through the wizard after reading the plan; back up a directory (FILES),
 * switch the wizard to it, which then asks for a directory instead of a database, and restore it;
 * a viewer who is offered neither start nor abort nor restore; an admin who adds a definition through the form (refused for a
 * database the node does not have), removes one, and edits a node. {@code -Dcoffer.console.screenshots=DIR} keeps screenshots of
 * the pages (docs/console-*.png were made so).
 */
class ConsoleBrowserTest {

  private static final Duration PATIENCE = Duration.ofMinutes(5);

  @TempDir static Path home;
  static ServerFixture fixture;
  static WebDriver browser;
  static long logical;

  @BeforeAll
  static void start() throws IOException {
    fixture = ServerFixture.withAgent(home, "console passphrase", "ConsoleBrowserTest");
    Coffer coffer = fixture.coffer;
    Path data = Files.createDirectories(home.resolve("data"));
    SampleDatabase.ofSize(5, 2_000_000).create(data.resolve("shop.db"));
    coffer.nodes().add(NewNode.builder("shop", Engine.SQLITE).dataDirectory(data.toString()).build());
    Path app = Files.createDirectories(home.resolve("app").resolve("conf"));
    Files.writeString(app.resolve("app.conf"), "port = 8080\n");
    byte[] blob = new byte[300_000];
    new java.util.Random(11).nextBytes(blob);
    Files.write(app.resolveSibling("blob.bin"), blob);
    coffer.nodes().add(NewNode.builder("app", Engine.FILESYSTEM).dataDirectory(app.getParent().toString()).build());
    // A backup of a database to begin the wizard with.
    logical = fixture.backUp(BackupOrder.byHand("shop", "shop.db").volume("vault"));
    // Last night's backup of a definition failed: what the overview must show in red.
    long nightly = coffer.catalog().definitions().add(NewDefinition.of("backup01", "shop", "vault",
        DatabaseSelector.parse("orders.db")).schedule(CronSpec.parse("30 2 * * *"))).id();
    long failed = coffer.catalog().backups().start(BackupStart.of("shop", "vault", List.of("orders.db"), Kind.FULL)
        .definition(nightly).agent("backup01")).id();
    coffer.catalog().backups().finish(failed, BackupResult.failed("database orders.db: no such file"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  /** One browser for the class (it takes seconds to start); each test begins logged out. */
  @BeforeEach
  void loggedOut() {
    if (browser == null) {
      browser = openBrowser();
    }
    browser.get(fixture.uri("/console/login").toString());
    browser.manage().deleteAllCookies();
  }

  private static WebDriver openBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
        "--disable-gpu");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  @Test
  void anOperator_seesTheFailedBackup_startsOneToHundredPercent_andRestoresItThroughTheWizard() throws Exception {
    logIn("operator");

    WebElement failed = browser.findElement(By.cssSelector("#overview tr.bad"));
    assertThat(failed.getText()).contains("shop").contains("orders.db").contains("FAILED");
    screenshot("overview");

    new Select(browser.findElement(By.id("start-node"))).selectByVisibleText("shop");
    browser.findElement(By.id("start-databases")).sendKeys("shop.db");
    new Select(browser.findElement(By.id("start-volume"))).selectByVisibleText("vault");
    follow(By.id("start"));

    await().until(b -> b.getCurrentUrl().contains("/console/jobs/"));
    await().until(b -> "SUCCEEDED".equals(b.findElement(By.id("job-state")).getText())
        && "100".equals(b.findElement(By.cssSelector("progress[data-job]")).getDomProperty("value")));
    assertThat(browser.findElement(By.cssSelector("[data-job-percent]")).getText()).isEqualTo("100%");
    screenshot("job");
    browser.navigate().refresh();
    String backup = browser.findElement(By.cssSelector("a[href^='/console/backups/']")).getText();

    browser.get(fixture.uri("/console/backups").toString());
    assertThat(browser.findElement(By.cssSelector("#backups")).getText()).contains("shop.db");
    assertThat(browser.findElements(By.cssSelector("#chart-stored rect.bar"))).isNotEmpty();
    screenshot("backups");
    browser.get(fixture.uri("/console/backups/" + backup).toString());
    assertThat(browser.findElement(By.id("tables")).getText()).contains("item");
    screenshot("backup");

    browser.get(fixture.uri("/console/restore?backup=" + backup).toString());
    assertThat(new Select(browser.findElement(By.id("restore-existing"))).getOptions()).extracting(WebElement::getText)
        .as("an operator restores into new names only").containsExactly("refuse");
    browser.findElement(By.id("restore-name")).sendKeys("wizard.db");
    follow(By.id("restore-plan"));
    WebElement plan = browser.findElement(By.id("plan"));
    assertThat(plan.getText()).contains("shop.db").contains("wizard.db").contains("nothing: it is created");
    assertThat(Files.exists(home.resolve("data").resolve("wizard.db"))).as("the plan changed nothing").isFalse();
    screenshot("restore-plan");
    follow(By.id("restore-confirm"));
    await().until(b -> "SUCCEEDED".equals(b.findElement(By.id("job-state")).getText()));
    assertThat(Files.size(home.resolve("data").resolve("wizard.db")))
        .isEqualTo(Files.size(home.resolve("data").resolve("shop.db")));
  }

  @Test
  void anOperator_restoresAFilesBackupIntoADirectory_afterTheWizardSwitchedToItsFields() throws Exception {
    logIn("operator");
    new Select(browser.findElement(By.id("start-node"))).selectByVisibleText("app");
    new Select(browser.findElement(By.id("start-kind"))).selectByVisibleText("FILES");
    follow(By.id("start"));
    await().until(b -> "SUCCEEDED".equals(b.findElement(By.id("job-state")).getText()));
    browser.navigate().refresh();
    String backup = browser.findElement(By.cssSelector("a[href^='/console/backups/']")).getText();

    browser.get(fixture.uri("/console/restore?backup=" + logical).toString());
    assertThat(browser.findElement(By.id("restore-name")).isDisplayed()).isTrue();
    assertThat(browser.findElements(By.id("restore-directory"))).isEmpty();
    assertThat(browser.findElement(By.id("restore-choose-button")).isDisplayed())
        .as("the script chooses on change").isFalse();
    WebElement page = browser.findElement(By.tagName("html"));
    new Select(browser.findElement(By.id("restore-backup"))).selectByValue(backup);
    awaitLeaving(page);

    assertThat(browser.findElement(By.id("restore-directory")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("restore-path")).isDisplayed()).isTrue();
    assertThat(browser.findElements(By.id("restore-name"))).isEmpty();
    assertThat(browser.findElements(By.id("restore-existing"))).isEmpty();
    assertThat(browser.findElements(By.id("restore-force"))).as("force is an admin's").isEmpty();
    assertThat(new Select(browser.findElement(By.id("restore-node"))).getFirstSelectedOption().getText())
        .isEqualTo("app");
    Path target = home.resolve("app-restored");
    browser.findElement(By.id("restore-directory")).sendKeys(target.toString());
    screenshot("restore-files");
    follow(By.id("restore-plan"));
    assertThat(browser.findElement(By.id("plan")).getText()).contains(home.resolve("app") + " as backed up at")
        .contains(target.toString()).contains("nothing: it is created");
    assertThat(browser.findElement(By.id("plan-notes")).getText()).contains("bytes at the target");
    assertThat(target).as("the plan changed nothing").doesNotExist();
    screenshot("restore-files-plan");
    follow(By.id("restore-confirm"));
    await().until(b -> "SUCCEEDED".equals(b.findElement(By.id("job-state")).getText()));

    assertThat(contents(target)).isEqualTo(contents(home.resolve("app"))).containsKeys("conf/app.conf", "blob.bin");
  }

  /** Each file below {@code top} by its relative path, with its bytes' SHA-256. */
  private static Map<String, String> contents(Path top) throws Exception {
    Map<String, String> files = new java.util.TreeMap<>();
    try (var walk = Files.walk(top)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(top.relativize(file).toString(), java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      }
    }
    return files;
  }

  @Test
  void aViewer_isOfferedNothingThatChangesAnything() {
    logIn("viewer");

    assertThat(browser.findElement(By.id("overview")).getText()).contains("orders.db");
    assertThat(browser.findElements(By.id("start-form"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("button.abort"))).isEmpty();
    assertThat(browser.findElements(By.id("restore-link"))).isEmpty();
    browser.get(fixture.uri("/console/definitions").toString());
    follow(By.cssSelector("#definitions a[href^='/console/definitions/']"));
    assertThat(browser.findElements(By.id("definition-form"))).isEmpty();
    browser.get(fixture.uri("/console/restore").toString());
    assertThat(browser.findElement(By.id("problem")).getText()).contains("needs the role operator");
  }

  @Test
  void anAdmin_changesADefinitionsSchedule_andABadOneIsRefusedInTheCommandLinesWords() {
    logIn("admin");
    browser.get(fixture.uri("/console/definitions").toString());
    follow(By.cssSelector("#definitions a[href^='/console/definitions/']"));

    WebElement schedule = browser.findElement(By.id("definition-schedule"));
    schedule.clear();
    schedule.sendKeys("every night");
    follow(By.id("definition-save"));
    assertThat(browser.findElement(By.id("problem")).getText()).contains("\"every night\" is not valid");

    browser.navigate().back();
    schedule = browser.findElement(By.id("definition-schedule"));
    schedule.clear();
    schedule.sendKeys("15 3 * * *");
    follow(By.id("definition-save"));
    assertThat(browser.findElement(By.id("saved")).getText()).isEqualTo("Saved.");
    assertThat(browser.findElement(By.id("schedule")).getText()).isEqualTo("15 3 * * *");
  }

  @Test
  void anAdmin_addsADefinitionThroughTheForm_isRefusedForAMissingDatabase_andRemovesOne() throws IOException {
    logIn("admin");
    int before = fixture.coffer.definitions().list(DefinitionFilter.all()).size();
    browser.get(fixture.uri("/console/definitions").toString());

    fillDefinitionForm("nosuch.db");
    follow(By.id("definition-add-submit"));
    assertThat(browser.findElement(By.id("definition-error")).getText())
        .contains("database nosuch.db not on node shop").contains("shop.db");
    assertThat(browser.findElement(By.id("add-databases")).getDomProperty("value"))
        .as("what was typed is kept").isEqualTo("nosuch.db");
    assertThat(fixture.coffer.definitions().list(DefinitionFilter.all())).as("nothing was added").hasSize(before);
    screenshot("definition-refused");

    fillDefinitionForm("shop*");
    follow(By.id("definition-add-submit"));
    String added = browser.findElement(By.id("added")).getText();
    assertThat(added).matches("Definition [0-9]+ added\\.");
    assertThat(browser.findElement(By.id("pattern-matches")).getText()).contains("shop* matches now: shop.db");
    assertThat(browser.findElement(By.id("schedule")).getText()).isEqualTo("45 1 * * *");
    assertThat(fixture.coffer.definitions().list(DefinitionFilter.all())).hasSize(before + 1);
    screenshot("definition-added");

    String id = added.replaceAll("[^0-9]", "");
    follow(By.id("definition-remove"));
    assertThat(browser.findElement(By.id("removed")).getText()).isEqualTo("Definition " + id + " removed.");
    assertThat(browser.findElements(By.cssSelector("#definitions a[href='/console/definitions/" + id + "']")))
        .isEmpty();
    assertThat(fixture.coffer.definitions().list(DefinitionFilter.all())).hasSize(before);
  }

  @Test
  void anAdmin_editsANode_andABadValueIsRefusedNamingTheField() throws IOException {
    logIn("admin");
    browser.get(fixture.uri("/console/nodes").toString());
    follow(By.cssSelector("#nodes a[href='/console/nodes/shop']"));
    try {
      WebElement directory = browser.findElement(By.id("node-dataDirectory"));
      directory.clear();
      directory.sendKeys(home.resolve("no-such-directory").toString());
      follow(By.id("node-save"));
      assertThat(browser.findElement(By.id("problem")).getText()).contains("data-directory")
          .contains("no such directory");
      assertThat(fixture.coffer.nodes().show("shop").dataDirectory()).isEqualTo(home.resolve("data").toString());

      browser.get(fixture.uri("/console/nodes/shop").toString());
      WebElement status = browser.findElement(By.id("node-status-choice"));
      new Select(status).selectByVisibleText("DOWN");
      WebElement remarks = browser.findElement(By.id("node-remarks"));
      remarks.clear();
      remarks.sendKeys("disk swap on Tuesday");
      follow(By.id("node-save"));

      assertThat(browser.findElement(By.id("saved")).getText()).isEqualTo("Saved.");
      assertThat(browser.findElement(By.id("node-status")).getText()).isEqualTo("DOWN");
      assertThat(browser.findElement(By.id("node-remarks-shown")).getText()).isEqualTo("disk swap on Tuesday");
      assertThat(fixture.coffer.nodes().show("shop").status()).isEqualTo(NodeStatus.DOWN);
      screenshot("node");

      new Select(browser.findElement(By.id("node-status-choice"))).selectByVisibleText("RUNNING");
      follow(By.id("node-save"));
      assertThat(browser.findElement(By.id("node-status")).getText()).isEqualTo("RUNNING");
    } finally {
      // The other tests back up this node: it must be RUNNING whatever happened here.
      fixture.coffer.nodes().update("shop", new NodeUpdate().status(NodeStatus.RUNNING));
    }
  }

  /** The add form with node shop, agent backup01, volume vault, a schedule and {@code databases}. */
  private void fillDefinitionForm(String databases) {
    new Select(browser.findElement(By.id("add-node"))).selectByVisibleText("shop");
    WebElement field = browser.findElement(By.id("add-databases"));
    field.clear();
    field.sendKeys(databases);
    new Select(browser.findElement(By.id("add-agent"))).selectByVisibleText("backup01");
    new Select(browser.findElement(By.id("add-volume"))).selectByVisibleText("vault");
    WebElement schedule = browser.findElement(By.id("add-schedule"));
    schedule.clear();
    schedule.sendKeys("45 1 * * *");
  }

  @Test
  void aWrongPassword_isRefused_andPagesNeedALogin() {
    browser.get(fixture.uri("/console/backups").toString());
    assertThat(browser.getCurrentUrl()).endsWith("/console/login");
    browser.findElement(By.id("user")).sendKeys("operator");
    browser.findElement(By.id("password")).sendKeys("not the password");
    follow(By.id("login"));

    assertThat(browser.findElement(By.id("login-failed")).getText()).contains("not accepted");
    assertThat(browser.manage().getCookieNamed("coffer_session")).isNull();
  }

  private void logIn(String user) {
    browser.get(fixture.uri("/console/").toString());
    browser.findElement(By.id("user")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(ServerFixture.PASSWORD);
    follow(By.id("login"));
    await().until(b -> b.findElements(By.id("overview")).size() == 1);
    var cookie = browser.manage().getCookieNamed("coffer_session");
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");
  }

  /**
   * Clicks what submits a form or follows a link and waits until the browser has left the page: the next page
   * often has elements of the same id (a saved status, a problem), and reading before it replaced the old one reads
   * the old page or finds nothing. Chromedriver may answer a question about the old page, while it is being replaced,
   * with an inspector error ("Node with given id does not belong to the document") instead of a stale element: asked
   * again, it says stale.
   */
  private void follow(By what) {
    WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(what).click();
    awaitLeaving(page);
  }

  private void awaitLeaving(WebElement page) {
    await().ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(page));
  }

  private WebDriverWait await() {
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    wait.pollingEvery(Duration.ofMillis(100));
    return wait;
  }

  private void screenshot(String page) throws IOException {
    String directory = System.getProperty("coffer.console.screenshots");
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Path target = directory == null ? Path.of("target", "console-" + page + ".png")
        : Path.of(directory, "console-" + page + ".png");
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }
}
