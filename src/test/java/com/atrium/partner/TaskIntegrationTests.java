package com.atrium.partner;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Task boards and tasks: three columns in stage order (renameable, the stage stays), moves between columns (by stage or
 * column; the database keeps a task's stage equal to its column's), assignees and goals of the same account only, who may
 * change them, and the board page's htmx move answering the board fragment.
 */
@IntegrationTest
class TaskIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PartnerService partner;
    @Autowired GoalService goals;
    @Autowired TaskService tasks;
    @Autowired JdbcClient jdbc;
    @Autowired com.atrium.access.AccessFacts facts;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    TestPractice p;
    AccountView account;
    Actor member;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        account = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 1);
        MemberView m = account.users().get(1);
        member = new Actor(m.userId(), p.practice.id(), m.name(), m.email(), UserType.BUSINESS, false);
    }

    @Test
    void aBoardHasThreeRenameableColumnsAndTasksMoveBetweenThem() {
        BoardView b = tasks.createBoard(member, account.id(), "Launch");
        assertThat(b.columns()).extracting(BoardView.Column::name).containsExactly("To do", "In progress", "Done");
        GoalView goal = goals.create(member, account.id(), new GoalForm("Launch", null, null, null, false, null, null, "80"));
        BoardView.Task t = tasks.createTask(member, account.id(), b.id(),
                new TaskForm("Write the press release", String.valueOf(member.userId()), "2027-01-15", String.valueOf(goal.id()), null));
        assertThat(t.stage()).isEqualTo(TaskStage.TODO);
        assertThat(t.goalTitle()).isEqualTo("Launch");
        assertThat(t.assigneeName()).isEqualTo(member.name());
        t = tasks.moveTask(member, account.id(), t.id(), "in_progress", null);
        assertThat(t.stage()).isEqualTo(TaskStage.IN_PROGRESS);
        long doneColumn = b.columns().get(2).id();
        t = tasks.moveTask(p.adviser, account.id(), t.id(), null, doneColumn);
        assertThat(t.stage()).isEqualTo(TaskStage.DONE);
        assertThat(t.columnId()).isEqualTo(doneColumn);
        BoardView renamed = tasks.renameColumn(member, account.id(), b.id(), doneColumn, "Shipped");
        assertThat(renamed.columns().get(2).name()).isEqualTo("Shipped");
        assertThat(renamed.columns().get(2).stage()).isEqualTo(TaskStage.DONE);
        assertThat(renamed.columns().get(2).tasks()).extracting(BoardView.Task::id).containsExactly(t.id());
        // a column of another board is refused; the database refuses a stage that is not the column's
        BoardView other = tasks.createBoard(member, account.id(), "Other");
        long taskId = t.id();
        assertThatThrownBy(() -> tasks.moveTask(member, account.id(), taskId, null, other.columns().get(0).id()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> jdbc.sql("UPDATE partner_task SET stage = 'TODO' WHERE id = :t").param("t", taskId).update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThatThrownBy(() -> tasks.renameColumn(member, account.id(), b.id(), doneColumn, "  ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void assigneesAndGoalsComeFromTheSameAccountAndStrangersSeeNothing() {
        BoardView b = tasks.createBoard(member, account.id(), "Ops");
        AccountView otherAccount = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 0);
        Actor stranger = new Actor(otherAccount.users().get(0).userId(), p.practice.id(), "Stranger", otherAccount.users().get(0).email(),
                UserType.BUSINESS, false);
        GoalView foreignGoal = goals.create(stranger, otherAccount.id(), new GoalForm("Theirs", null, null, null, false, null, null, "50"));
        assertThatThrownBy(() -> tasks.createTask(member, account.id(), b.id(), new TaskForm("", String.valueOf(stranger.userId()), "soon",
                String.valueOf(foreignGoal.id()), "LATER")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsOnlyKeys("title", "assigneeId", "dueOn", "goalId", "stage"));
        assertThatThrownBy(() -> tasks.board(stranger, account.id(), b.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tasks.board(stranger, otherAccount.id(), b.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tasks.createTask(stranger, account.id(), b.id(), new TaskForm("x", null, null, null, null)))
                .isInstanceOf(NotFoundException.class);
        // staff who only read the account (another adviser of the practice has no path) see nothing
        assertThatThrownBy(() -> tasks.boards(p.otherAdviser, account.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aReadOnlyTeamMemberSeesTheBoardButMayNotChangeIt() {
        BoardView b = tasks.createBoard(p.adviser, account.id(), "Portal board");
        tx.executeWithoutResult(s -> facts.add(p.adviser.userId(),
                new com.atrium.access.Relation.Team(account.id(), com.atrium.access.TeamRole.READ_ONLY, p.assistant.userId())));
        BoardView seen = tasks.board(p.assistant, account.id(), b.id());
        assertThat(seen.mayEdit()).isFalse();
        assertThatThrownBy(() -> tasks.createTask(p.assistant, account.id(), b.id(), new TaskForm("x", null, null, null, null)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> tasks.createTask(p.support, account.id(), b.id(), new TaskForm("x", null, null, null, null)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theApiDoesCrudAndMoveAndTheBoardPageMovesWithHtmx() throws Exception {
        String board = mvc.perform(post("/api/partner/accounts/" + account.id() + "/boards").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Sales\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.columns.length()").value(3))
                .andReturn().getResponse().getContentAsString();
        long boardId = Long.parseLong(board.replaceAll("^\\{\"id\":(\\d+).*$", "$1").trim());
        String task = mvc.perform(post("/api/partner/accounts/" + account.id() + "/tasks").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Call Acme\",\"boardId\":" + boardId + ",\"assigneeId\":"
                                + p.adviser.userId() + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stage").value("TODO"))
                .andReturn().getResponse().getContentAsString();
        long taskId = Long.parseLong(task.replaceAll("^\\{\"id\":(\\d+).*$", "$1").trim());
        mvc.perform(post("/api/partner/accounts/" + account.id() + "/tasks/" + taskId + "/move").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"stage\":\"IN_PROGRESS\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stage").value("IN_PROGRESS"));
        mvc.perform(post("/api/partner/accounts/" + account.id() + "/tasks/" + taskId + "/move").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"stage\":\"SIDEWAYS\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.stage").exists());
        mvc.perform(post("/api/partner/accounts/" + account.id() + "/tasks").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"No board\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/partner/accounts/" + account.id() + "/tasks?board=" + boardId).with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].title").value("Call Acme"));
        TestPractice elsewhere = fixtures.practice();
        mvc.perform(get("/api/partner/accounts/" + account.id() + "/tasks/" + taskId).with(as(elsewhere.manager)))
                .andExpect(status().isNotFound());
        // the adviser's home lists the task in progress, assigned to them
        assertThat(tasks.myOpenTasks(p.adviser)).extracting(h -> h.task().id()).contains(taskId);
        // the board page: an htmx move answers the board fragment, no full page
        long doneColumn = tasks.board(p.adviser, account.id(), boardId).columns().get(2).id();
        mvc.perform(post("/partner/accounts/" + account.id() + "/boards/" + boardId + "/tasks/" + taskId + "/move").with(as(p.adviser))
                        .with(csrf()).header("HX-Request", "true").param("columnId", String.valueOf(doneColumn)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"board\"")))
                .andExpect(content().string(not(containsString("<html"))));
        assertThat(tasks.task(p.adviser, account.id(), taskId).stage()).isEqualTo(TaskStage.DONE);
        assertThat(tasks.myOpenTasks(p.adviser)).extracting(h -> h.task().id()).doesNotContain(taskId);
        mvc.perform(get("/partner/accounts/" + account.id() + "/boards/" + boardId).with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Call Acme")))
                .andExpect(content().string(containsString("data-move-base")));
    }
}
