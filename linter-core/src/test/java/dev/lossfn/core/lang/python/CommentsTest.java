package dev.lossfn.core.lang.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossfn.core.model.Comment;
import dev.lossfn.core.model.ModuleModel;
import dev.lossfn.core.model.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every comment of a file reaches the model once, wherever it sits: suppressions are read from them. */
class CommentsTest {
    @Test
    void everyCommentOnceInSourceOrder() {
        String text = """
                # top
                from torch.nn import (  # in an import
                    BCELoss,  # after a name
                )
                loss = criterion(  # after an open bracket
                    torch.sigmoid(x),  # lossfn: ignore[LF101]
                    y,  # 标签
                )  # after the call
                a = b = c  # chained
                if x:  # on an if
                    pass
                else:  # on an else
                    pass
                def f(p,  # in parameters
                      q):
                    return [i  # in a list
                            for i in p]
                """;
        ModuleModel model = PythonFrontend.parse(new SourceFile(Path.of("t.py"), "t.py", SourceFile.Language.PYTHON, text));
        List<String> comments = model.comments().stream().map(Comment::text).toList();
        assertThat(comments).containsExactly("# top", "# in an import", "# after a name", "# after an open bracket",
                "# lossfn: ignore[LF101]", "# 标签", "# after the call", "# chained", "# on an if", "# on an else",
                "# in parameters", "# in a list");
        for (Comment c : model.comments()) {
            int line = c.span().startLine();
            assertThat(text.lines().toList().get(line - 1)).as(c.text()).contains(c.text());
        }
    }
}
